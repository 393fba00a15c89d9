// The OpenAPI 3.1 description of the HTTP API (server/http/openapi.json, built into the binary),
// served at GET /api/openapi.json.
#pragma once

#include <string_view>

namespace kb {

std::string_view openapi_document();

}  // namespace kb

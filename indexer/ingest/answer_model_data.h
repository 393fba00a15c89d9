// The default answer model's bytes, built in from indexer/ingest/answer_model.json.
#pragma once

#include <string_view>

namespace kb {

std::string_view built_in_answer_model();

}  // namespace kb

// ApiErrors: the HTTP API's error codes, one list that the server answers with and GET /api/errors
// documents, so a client (the page among them) switches on a code, never on a message's words.
#pragma once

#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "indexer/text/errors.h"

namespace kb {

struct ApiError {
    std::string_view code;
    int status;
    std::string_view meaning;
};

namespace api_errors {

inline constexpr ApiError kInvalidQuery{"invalid_query", 400,
                                        "The query cannot be searched as written: not UTF-8, not parseable, or a "
                                        "code: filter on something that is no error code."};
inline constexpr ApiError kEmptyQuery{"empty_query", 400,
                                      "The query or draft has nothing to search for: empty, only stop words, or "
                                      "only exclusions."};
inline constexpr ApiError kQueryTooLong{"query_too_long", 400,
                                        "A query, draft or product name is over its size limit."};
inline constexpr ApiError kQueryTooComplex{"query_too_complex", 400,
                                           "The query holds more phrases (words joined by - or . count) or "
                                           "words than one search may weigh; the message gives the limit."};
inline constexpr ApiError kInvalidParameter{"invalid_parameter", 400,
                                            "A parameter or body field is unknown, repeated or out of range."};
inline constexpr ApiError kMissingParameter{"missing_parameter", 400,
                                            "A required parameter (q) or body field (text) is absent."};
inline constexpr ApiError kInvalidJson{"invalid_json", 400, "The body is not a JSON object."};
inline constexpr ApiError kBadRequest{"bad_request", 400,
                                      "The request breaks an HTTP/1.1 rule the server holds to: a chunked body, "
                                      "a Content-Length that is not one header of digits, no Host or two, a "
                                      "malformed request."};
inline constexpr ApiError kHostNotAllowed{"host_not_allowed", 403,
                                          "The Host header names a host this server does not answer for "
                                          "(kbsearch serve --allowed-host)."};
inline constexpr ApiError kThreadNotFound{"thread_not_found", 404, "No thread has this id."};
inline constexpr ApiError kRouteNotFound{"route_not_found", 404, "No API route has this path."};
inline constexpr ApiError kFileNotFound{"file_not_found", 404, "The page has no file at this path."};
inline constexpr ApiError kMethodNotAllowed{"method_not_allowed", 405,
                                            "The route takes another method; the Allow header names it."};
inline constexpr ApiError kLengthRequired{"length_required", 411, "A POST needs a Content-Length header."};
inline constexpr ApiError kBodyTooLarge{"body_too_large", 413, "The body is over the server's limit."};
inline constexpr ApiError kUriTooLong{"uri_too_long", 414, "The request line is over the server's limit."};
inline constexpr ApiError kHeadersTooLarge{"headers_too_large", 431,
                                           "The request headers are over the server's limit."};
inline constexpr ApiError kInternal{"internal", 500, "A fault in the server; its log has the details."};
inline constexpr ApiError kOverloaded{
    "overloaded", 503,
    "Every worker is busy, or the server or this client has its share of connections open; "
    "retry after the seconds Retry-After gives."};
inline constexpr ApiError kIndexUnavailable{"index_unavailable", 503,
                                            "The index cannot be opened or read just now (missing, or being "
                                            "replaced)."};
inline constexpr ApiError kShardUnavailable{"shard_unavailable", 503,
                                            "A shard of the index does not answer (its server is down or "
                                            "restarting); the message names it. Retry after the seconds "
                                            "Retry-After gives."};

// Every code, in the order GET /api/errors lists them.
std::span<const ApiError* const> all();

// The code of a QueryError's problem.
const ApiError& for_problem(QueryProblem problem);

// An answer httplib made itself (a 413, a malformed request): the code of its status.
const ApiError& for_status(int status);

// {"error": {"code", "message", "link"}}; the link is the code's entry in GET /api/errors.
nlohmann::json body(const ApiError& error, std::string_view message);

// GET /api/errors: {"errors": [{"code", "status", "meaning"}...]}.
nlohmann::json listing();

}  // namespace api_errors

}  // namespace kb

// HTTP parameter parsing: pure functions from query parameters or a JSON body to the searcher's
// requests. Anything a user must change throws QueryError (HTTP 400). Tested without a socket.
#pragma once

#include <map>
#include <string>

#include "server/search/search_types.h"

namespace kb {

using QueryParams = std::multimap<std::string, std::string>;

inline constexpr std::size_t kMaxDraftBytes = 32 * 1024;

struct SimilarRequest {
    std::string text;  // title and body joined
    int limit = 10;
};

struct SuggestRequest {
    std::string query;
    int limit = 8;
};

SearchRequest search_request_from(const QueryParams& params);
// GET /api/answers: q, product (may repeat), accepted, limit (answers, 1..kMaxLimit) and threads
// (1..kMaxAnswerThreads); search's paging, sort and grouping mean nothing here and are refused.
AnswersRequest answers_request_from(const QueryParams& params);
SuggestRequest suggest_request_from(const QueryParams& params);
SimilarRequest similar_request_from(const std::string& json_body);
// Rejects any parameter at all (health, thread, metrics take none).
void expect_no_params(const QueryParams& params);

}  // namespace kb

// JSON forms of the searcher's results: one mapping used by both `kbsearch search --json`
// and the HTTP API, so the two cannot disagree.
#pragma once

#include <nlohmann/json.hpp>

#include "indexer/schema/thread_record.h"
#include "server/search/search_types.h"

namespace kb {

nlohmann::json to_json(const SearchResult& result, bool with_facets);
// The whole body of a search and of a similar() call, as the API sends it and `--json` prints it:
// the result with its time, and for similar() without the query field (the draft is never echoed).
nlohmann::json search_body(const SearchResult& result);
nlohmann::json similar_body(const SearchResult& result);
nlohmann::json to_json(const SearchHit& hit);
// Answers for a new question; each answer's thread as {id, title, products, date} and the
// answer as a hit shows it. Holds took_ms.
nlohmann::json to_json(const AnswersResult& result);
nlohmann::json to_json(const ThreadRecord& record);
nlohmann::json to_json(const std::vector<Completion>& completions);

// Dumps with invalid UTF-8 replaced, never throwing on text from the index.
std::string dump(const nlohmann::json& j, int indent = -1);

}  // namespace kb

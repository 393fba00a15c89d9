#include "server/http/http_params.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

void expect_only(const QueryParams& params, std::initializer_list<std::string_view> allowed) {
    for (const auto& [name, value] : params) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            std::string list;
            for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            throw QueryError(
                "unknown parameter '" + name.substr(0, 40) + "'" + (list.empty() ? "" : "; expected " + list),
                QueryProblem::BadParameter);
        }
    }
}

const std::string* single(const QueryParams& params, const std::string& name) {
    if (params.count(name) > 1)
        throw QueryError("parameter '" + name + "' given more than once", QueryProblem::BadParameter);
    const auto it = params.find(name);
    return it == params.end() ? nullptr : &it->second;
}

int int_param(const QueryParams& params, const std::string& name, int fallback, int min, int max) {
    const std::string* value = single(params, name);
    if (!value) return fallback;
    int parsed = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (ec != std::errc() || end != value->data() + value->size() || parsed < min || parsed > max)
        throw QueryError(name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
                         QueryProblem::BadParameter);
    return parsed;
}

std::string required_query(const QueryParams& params) {
    const std::string* q = single(params, "q");
    if (!q) throw QueryError("missing parameter 'q'", QueryProblem::MissingParameter);
    return *q;
}

// Every `product` value, in order; an empty one is no filter.
std::vector<std::string> products_from(const QueryParams& params) {
    std::vector<std::string> products;
    const auto [first, last] = params.equal_range("product");
    for (auto it = first; it != last; ++it) {
        if (it->second.size() > 200) throw QueryError("product is too long", QueryProblem::TooLong);
        if (!it->second.empty()) products.push_back(it->second);
    }
    return products;
}

}  // namespace

SearchRequest search_request_from(const QueryParams& params) {
    expect_only(params, {"q", "product", "limit", "offset", "partial", "collapse", "sort", "accepted"});
    SearchRequest request;
    request.query = required_query(params);
    request.partial = int_param(params, "partial", 0, 0, 1) == 1;
    request.collapse = int_param(params, "collapse", 1, 0, 1) == 1;
    request.accepted_only = int_param(params, "accepted", 0, 0, 1) == 1;
    if (const std::string* sort = single(params, "sort"); sort && *sort != "relevance") {
        if (*sort != "newest") throw QueryError("sort must be relevance or newest", QueryProblem::BadParameter);
        request.sort = SortOrder::Newest;
    }
    request.limit = int_param(params, "limit", 10, 0, kMaxLimit);
    request.offset = int_param(params, "offset", 0, 0, kMaxOffset);
    request.products = products_from(params);
    return request;
}

AnswersRequest answers_request_from(const QueryParams& params) {
    expect_only(params, {"q", "product", "limit", "threads", "accepted"});
    AnswersRequest request;
    request.search.query = required_query(params);
    request.search.accepted_only = int_param(params, "accepted", 0, 0, 1) == 1;
    // A search may ask for no hits to learn its total; answers have no total, so at least one.
    request.search.limit = int_param(params, "limit", request.search.limit, 1, kMaxLimit);
    request.threads = int_param(params, "threads", request.threads, 1, kMaxAnswerThreads);
    request.search.products = products_from(params);
    return request;
}

SuggestRequest suggest_request_from(const QueryParams& params) {
    expect_only(params, {"q", "limit"});
    SuggestRequest request;
    request.query = required_query(params);
    request.limit = int_param(params, "limit", 8, 1, 50);
    return request;
}

SimilarRequest similar_request_from(const std::string& json_body) {
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(json_body);
    } catch (const nlohmann::json::exception& e) {
        throw QueryError("body is not valid JSON: " + without_json_library_tag(e.what()), QueryProblem::BadJson);
    }
    if (!body.is_object()) throw QueryError("body must be a JSON object with a \"text\" field", QueryProblem::BadJson);
    for (const auto& [key, value] : body.items())
        if (key != "text" && key != "title" && key != "limit")
            throw QueryError("unknown field '" + key.substr(0, 40) + "'", QueryProblem::BadParameter);
    SimilarRequest request;
    const auto text = body.find("text");
    if (text == body.end()) throw QueryError("the body has no \"text\" field", QueryProblem::MissingParameter);
    if (!text->is_string()) throw QueryError("\"text\" must be a string", QueryProblem::BadParameter);
    request.text = text->get<std::string>();
    if (const auto title = body.find("title"); title != body.end()) {
        if (!title->is_string()) throw QueryError("\"title\" must be a string", QueryProblem::BadParameter);
        request.text = title->get<std::string>() + "\n\n" + request.text;
    }
    if (const auto limit = body.find("limit"); limit != body.end()) {
        if (!limit->is_number_integer() || *limit < 1 || *limit > kMaxLimit)
            throw QueryError("\"limit\" must be an integer from 1 to " + std::to_string(kMaxLimit),
                             QueryProblem::BadParameter);
        request.limit = limit->get<int>();
    }
    if (request.text.size() > kMaxDraftBytes)
        throw QueryError("text is longer than " + std::to_string(kMaxDraftBytes) + " bytes", QueryProblem::TooLong);
    return request;
}

void expect_no_params(const QueryParams& params) { expect_only(params, {}); }

}  // namespace kb

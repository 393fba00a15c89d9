#include "server/search/result_json.h"

#include <cmath>

namespace kb {

using nlohmann::json;

namespace {

json answer_json(const AnswerView& a) {
    return json{{"text", a.text},
                {"text_truncated", a.text_truncated},
                {"copy", a.copy},
                {"role", a.role},
                {"role_name", a.role_name},
                {"role_label", a.role_label},
                {"why", a.why},
                {"ai", a.ai},
                {"accepted", a.accepted},
                {"helpful", a.helpful},
                {"index", a.index}};
}

// Answer scores multiply parts on 0..1, so weak ones are small: a fourth decimal keeps them apart.
double answer_score(double value) { return std::round(value * 10000) / 10000; }

// Only when it happens, so the answer of a whole index reads as it always has.
void add_missing_shards(json& j, const std::vector<std::string>& missing_shards) {
    if (missing_shards.empty()) return;
    j["partial"] = true;
    j["missing_shards"] = missing_shards;
}

// Only when the request ran out of its time budget: its hits and total are then a lower bound.
void add_timed_out(json& j, bool timed_out) {
    if (timed_out) j["timed_out"] = true;
}

}  // namespace

json to_json(const SearchHit& hit) {
    json j{{"id", hit.id},
           {"title", hit.title},
           {"title_html", hit.title_html},
           {"score", std::round(hit.score * 1000) / 1000},
           {"percent", hit.percent},
           {"snippet", hit.snippet},
           {"products", hit.products},
           {"error_codes", hit.error_codes},
           {"date", hit.date},
           {"answer", hit.answer ? answer_json(*hit.answer) : json(nullptr)}};
    j["similar"] = hit.similar;
    if (!hit.matched.empty() || !hit.shared_codes.empty() || hit.same_product)
        j["why"] = json{{"terms", hit.matched}, {"codes", hit.shared_codes}, {"same_product", hit.same_product}};
    return j;
}

json to_json(const SearchResult& result, bool with_facets) {
    json hits = json::array();
    for (const SearchHit& hit : result.hits) hits.push_back(to_json(hit));
    json j{{"query", result.query},
           {"total", result.total},
           {"suggestion", result.suggestion ? json(*result.suggestion) : json(nullptr)},
           {"corrected", result.corrected},
           {"hits", std::move(hits)}};
    add_missing_shards(j, result.missing_shards);
    add_timed_out(j, result.timed_out);
    if (with_facets) {
        json facets = json::array();
        for (const Facet& f : result.facets) facets.push_back(json{{"product", f.value}, {"count", f.count}});
        j["facets"] = std::move(facets);
        j["facets_estimated"] = result.facets_estimated;
        json card = nullptr;
        if (result.code_card) {
            json products = json::array();
            for (const Facet& f : result.code_card->products)
                products.push_back(json{{"product", f.value}, {"count", f.count}});
            card = json{{"code", result.code_card->code},
                        {"threads", result.code_card->threads},
                        {"products", std::move(products)},
                        {"thread", result.code_card->thread ? to_json(*result.code_card->thread) : json(nullptr)},
                        {"matching", result.code_card->matching},
                        {"answered", result.code_card->answered ? json(*result.code_card->answered) : json(nullptr)},
                        {"narrowed_by", result.code_card->narrowed_by}};
        }
        j["code_card"] = std::move(card);
        json unknown = json::array();
        for (const UnknownProduct& u : result.unknown_products)
            unknown.push_back(json{{"product", u.product}, {"nearest", u.nearest}});
        j["unknown_products"] = std::move(unknown);
    }
    return j;
}

json to_json(const AnswersResult& result) {
    json answers = json::array();
    for (const AnswerHit& hit : result.answers)
        answers.push_back(
            json{{"thread",
                  {{"id", hit.thread_id}, {"title", hit.thread_title}, {"products", hit.products}, {"date", hit.date}}},
                 {"answer", answer_json(hit.answer)},
                 {"canonical", hit.canonical},
                 {"score", answer_score(hit.score)},
                 {"parts",
                  {{"thread", answer_score(hit.thread_match)},
                   {"quality", answer_score(hit.quality)},
                   {"own", answer_score(hit.own_match)}}}});
    json j{{"query", result.query},
           {"suggestion", result.suggestion ? json(*result.suggestion) : json(nullptr)},
           {"corrected", result.corrected},
           {"threads", result.threads},
           {"answers", std::move(answers)}};
    add_missing_shards(j, result.missing_shards);
    add_timed_out(j, result.timed_out);
    j["took_ms"] = result.took_ms;
    return j;
}

json to_json(const ThreadRecord& record) {
    const Thread& t = record.thread;
    json answers = json::array();
    for (std::size_t i = 0; i < t.answers.size(); ++i) {
        const Answer& a = t.answers[i];
        const bool canonical = static_cast<int>(i) == record.canonical.index;
        answers.push_back(json{{"index", i},
                               {"role", std::string(to_string(a.role))},
                               {"role_name", std::string(role_display_name(a.role))},
                               {"role_label", a.role_label},
                               {"reputation", a.reputation},
                               {"date", a.date},
                               {"text", a.body},
                               {"helpful", a.helpful},
                               {"accepted", a.accepted},
                               {"ai", a.role == AuthorRole::Ai},
                               {"canonical", canonical}});
        // The canonical answer carries what a moderator pastes, as it does in search results.
        if (canonical) answers.back()["copy"] = record.copy_text();
    }
    json codes = json::array();
    for (const ErrorCode& c : record.codes) codes.push_back(c.display);
    return json{{"id", t.id},
                {"title", t.title},
                {"question", t.question},
                {"date", t.date},
                {"asker_reputation", t.asker_reputation},
                {"products", t.product_path},
                {"comment_count", t.comment_count},
                {"error_codes", std::move(codes)},
                {"canonical", record.canonical.index},
                {"why", record.canonical.why},
                {"duplicate_group", record.duplicate_group.empty() ? json(nullptr) : json(record.duplicate_group)},
                {"answers", std::move(answers)}};
}

json to_json(const std::vector<Completion>& completions) {
    json out = json::array();
    for (const Completion& c : completions)
        out.push_back(json{{"text", c.text}, {"kind", c.kind}, {"count", c.frequency}});
    return out;
}

nlohmann::json search_body(const SearchResult& result) {
    nlohmann::json body = to_json(result, true);
    body["took_ms"] = result.took_ms;
    return body;
}

nlohmann::json similar_body(const SearchResult& result) {
    nlohmann::json body = to_json(result, false);
    body.erase("query");
    body["took_ms"] = result.took_ms;
    return body;
}

std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

}  // namespace kb

#include "indexer/schema/thread_record.h"

#include <nlohmann/json.hpp>

#include "indexer/text/errors.h"
#include "indexer/text/pii_scrubber.h"

namespace kb {

using nlohmann::json;

namespace {

bool holds_placeholder(std::string_view text) {
    for (std::string_view p : PiiScrubber::placeholders())
        if (text.find(p) != std::string_view::npos) return true;
    return false;
}

}  // namespace

std::string ThreadRecord::product_label() const {
    std::string label;
    for (std::size_t i = 0; i < thread.product_path.size() && i < 2; ++i) {
        if (i) label += " | ";
        label += thread.product_path[i];
    }
    return label;
}

std::optional<double> ThreadRecord::quality(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= notes.size()) return std::nullopt;
    return notes[static_cast<std::size_t>(index)].quality;
}

std::string ThreadRecord::copy_text(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= thread.answers.size()) return {};
    const Answer* a = &thread.answers[static_cast<std::size_t>(index)];
    if (notes.size() == thread.answers.size()) return notes[static_cast<std::size_t>(index)].copy;
    if (index == canonical.index && canonical.copy) return *canonical.copy;
    std::string out;
    std::size_t start = 0;
    while (start <= a->body.size()) {
        std::size_t nl = a->body.find('\n', start);
        if (nl == std::string::npos) nl = a->body.size();
        const std::string_view line = std::string_view(a->body).substr(start, nl - start);
        if (!holds_placeholder(line)) {
            if (!out.empty()) out += '\n';
            out += line;
        }
        start = nl + 1;
    }
    return out;
}

std::string serialise_record(const ThreadRecord& r) {
    const bool with_notes = !r.notes.empty() && r.notes.size() == r.thread.answers.size();
    json answers = json::array();
    for (std::size_t i = 0; i < r.thread.answers.size(); ++i) {
        const Answer& a = r.thread.answers[i];
        json j{{"role", to_string(a.role)}, {"rep", a.reputation},   {"date", a.date}, {"body", a.body},
               {"helpful", a.helpful},      {"accepted", a.accepted}};
        if (!a.role_label.empty()) j["label"] = a.role_label;
        if (!a.source_id.empty()) j["sid"] = a.source_id;
        if (with_notes) {
            const AnswerNotes& n = r.notes[i];
            j["qs"] = n.quality ? json(*n.quality) : json(nullptr);
            // Kept compact: written only where it is not the answer's text byte for byte (most are).
            if (n.copy != a.body) j["copy"] = n.copy;
        }
        answers.push_back(std::move(j));
    }
    json codes = json::array();
    for (const ErrorCode& c : r.codes) codes.push_back(json{{"d", c.display}, {"k", c.keys}});
    json j{{"id", r.thread.id},
           {"title", r.thread.title},
           {"q", r.thread.question},
           {"date", r.thread.date},
           {"rep", r.thread.asker_reputation},
           {"products", r.thread.product_path},
           {"comments", r.thread.comment_count},
           {"answers", std::move(answers)},
           {"canonical", r.canonical.index},
           {"why", r.canonical.why},
           {"codes", std::move(codes)}};
    if (!r.duplicate_group.empty()) j["group"] = r.duplicate_group;
    // The canonical copy text of a record without answer notes, kept compact: null when it is
    // the answer's text byte for byte (most are).
    if (!with_notes && r.canonical_answer() && r.canonical.copy)
        j["copy"] = *r.canonical.copy == r.canonical_answer()->body ? json(nullptr) : json(*r.canonical.copy);
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

ThreadRecord parse_record(const std::string& data) {
    try {
        const json j = json::parse(data);
        ThreadRecord r;
        r.thread.id = j.at("id").get<std::string>();
        r.thread.title = j.at("title").get<std::string>();
        r.thread.question = j.at("q").get<std::string>();
        r.thread.date = j.value("date", "");
        r.thread.asker_reputation = j.value("rep", 0L);
        r.thread.product_path = j.value("products", std::vector<std::string>{});
        r.thread.comment_count = j.value("comments", 0);
        for (const json& a : j.at("answers")) {
            Answer answer;
            answer.role = role_from_name(a.value("role", "user")).value_or(AuthorRole::User);
            answer.role_label = a.value("label", "");
            answer.reputation = a.value("rep", 0L);
            answer.date = a.value("date", "");
            answer.body = a.value("body", "");
            answer.helpful = a.value("helpful", 0);
            answer.accepted = a.value("accepted", false);
            answer.source_id = a.value("sid", "");
            if (const auto qs = a.find("qs"); qs != a.end()) {
                AnswerNotes& n = r.notes.emplace_back();
                if (!qs->is_null()) n.quality = qs->get<double>();
                n.copy = a.contains("copy") ? a.at("copy").get<std::string>() : answer.body;
            }
            r.thread.answers.push_back(std::move(answer));
        }
        r.canonical.index = j.value("canonical", -1);
        if (r.canonical.index >= static_cast<int>(r.thread.answers.size())) r.canonical.index = -1;
        r.canonical.why = j.value("why", "");
        for (const json& c : j.value("codes", json::array()))
            r.codes.push_back(ErrorCode{c.at("d").get<std::string>(), c.at("k").get<std::vector<std::string>>()});
        r.duplicate_group = j.value("group", "");
        if (r.notes.size() != r.thread.answers.size()) r.notes.clear();
        // Absent in records written before copy texts were stored: copy_text() falls back.
        if (!r.notes.empty() && r.canonical_answer())
            r.canonical.copy = r.notes[static_cast<std::size_t>(r.canonical.index)].copy;
        else if (const auto copy = j.find("copy"); copy != j.end() && r.canonical_answer())
            r.canonical.copy = copy->is_null() ? r.canonical_answer()->body : copy->get<std::string>();
        return r;
    } catch (const json::exception& e) {
        throw IndexError(std::string("document data is not a thread record: ") + e.what());
    }
}

}  // namespace kb

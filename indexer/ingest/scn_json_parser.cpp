#include "indexer/ingest/scn_json_parser.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "indexer/ingest/json_array.h"
#include "indexer/text/line_index.h"
#include "indexer/text/text_helpers.h"

namespace kb {

using nlohmann::json;

namespace {

constexpr std::string_view kForumName = "SAP Community Network";

// A string field, or nullopt when it is missing or not a string.
std::optional<std::string> string_field(const json& post, const char* name) {
    const auto it = post.find(name);
    if (it == post.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

// Upvotes are numbers in the dumps; tolerate numeric strings, count anything else as none.
int count_field(const json& post, const char* name) {
    const auto it = post.find(name);
    if (it == post.end()) return 0;
    if (it->is_number_integer()) return static_cast<int>(std::clamp<long long>(it->get<long long>(), 0, 1'000'000));
    if (it->is_string()) {
        const std::string s = it->get<std::string>();
        if (!s.empty() && s.size() < 8 && all_digits(s)) return std::stoi(s);
    }
    return 0;
}

struct PendingAnswer {
    int order;  // N in "uid.N"
    Answer answer;
};

}  // namespace

ParseOutcome ScnJsonParser::parse_text(std::string_view text, const std::filesystem::path& file) const {
    return parse(text, file.stem().string(), file.string());
}

ParseOutcome ScnJsonParser::parse(std::string_view json_text, const std::string& topic, const std::string& file) const {
    ParseOutcome outcome;
    const LineIndex lines(json_text);
    std::vector<JsonArrayElement> elements;
    try {
        elements = split_json_array(json_text, lines, file, "posts");
    } catch (const ParseError& e) {
        outcome.errors.push_back(e);
        return outcome;
    }

    std::map<std::string, std::size_t> thread_of_uid;           // question uid -> index in outcome.threads
    std::map<std::size_t, std::vector<PendingAnswer>> answers;  // thread index -> its answers
    std::set<std::string> rejected_questions;                   // their answers are skipped quietly
    for (const JsonArrayElement& element : elements) {
        const int line = lines.line_at(static_cast<std::ptrdiff_t>(element.offset));
        auto reject = [&](const std::string& why) { outcome.errors.emplace_back(file, line, why + ": post skipped"); };
        json post;
        try {
            post = json::parse(element.text);
        } catch (const json::parse_error& e) {
            reject(std::string("not valid JSON (") + e.what() + ")");
            continue;
        }
        if (!post.is_object()) {
            reject("not a JSON object");
            continue;
        }
        const auto uid = string_field(post, "uid");
        if (!uid || uid->empty()) {
            reject("post without a \"uid\"");
            continue;
        }
        const auto dot = uid->find('.');
        const auto type = string_field(post, "type");
        const bool is_question = type ? *type == "question" : dot == std::string::npos;
        const auto text = string_field(post, "text");

        if (is_question) {
            const auto title = string_field(post, "title");
            if (dot != std::string::npos || !title || !text) {
                reject("question '" + *uid + "' needs a plain uid, a \"title\" and a \"text\"");
                rejected_questions.insert(*uid);
                continue;
            }
            if (thread_of_uid.count(*uid)) {
                reject("question uid '" + *uid + "' repeats");
                continue;
            }
            Thread t;
            t.id = topic + "-" + *uid;
            t.source_file = file;
            t.title = decode_html_entities(*title);
            t.question = decode_html_entities(*text);
            t.asker_name = string_field(post, "author").value_or("");
            t.date = string_field(post, "date_time").value_or("");
            t.product_path = {std::string(kForumName), topic};
            thread_of_uid.emplace(*uid, outcome.threads.size());
            outcome.threads.push_back(std::move(t));
            continue;
        }

        const std::string parent = dot == std::string::npos ? std::string() : uid->substr(0, dot);
        const std::string suffix = dot == std::string::npos ? std::string() : uid->substr(dot + 1);
        if (parent.empty() || suffix.empty() || suffix.size() > 6 || !all_digits(suffix)) {
            reject("answer uid '" + *uid + "' is not of the form N.k");
            continue;
        }
        if (!text) {
            reject("answer '" + *uid + "' has no \"text\"");
            continue;
        }
        const auto owner = thread_of_uid.find(parent);
        if (owner == thread_of_uid.end()) {
            if (!rejected_questions.count(parent)) reject("answer '" + *uid + "' comes before or without its question");
            continue;
        }
        PendingAnswer pending{std::stoi(suffix), {}};
        Answer& a = pending.answer;
        a.role = AuthorRole::User;
        a.body = decode_html_entities(*text);
        a.author_name = string_field(post, "author").value_or("");
        a.date = string_field(post, "date_time").value_or("");
        a.helpful = count_field(post, "upvotes");
        a.accepted = string_field(post, "resolve").value_or("") == "solution";
        a.source_id = *uid;
        a.source_line = line;
        answers[owner->second].push_back(std::move(pending));
    }

    for (auto& [index, list] : answers) {
        // The dumps list answers in order already; sorting by k keeps the page order if one is not.
        std::stable_sort(list.begin(), list.end(),
                         [](const PendingAnswer& a, const PendingAnswer& b) { return a.order < b.order; });
        for (PendingAnswer& p : list) outcome.threads[index].answers.push_back(std::move(p.answer));
    }
    return outcome;
}

}  // namespace kb

#include "bench/thread_writers.h"

#include <nlohmann/json.hpp>

namespace kb::bench {

namespace {

// "17,570": reputation as pages print it.
std::string with_commas(long n) {
    std::string digits = std::to_string(n);
    for (long at = static_cast<long>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

// Answer bodies sit indented under their header on a page.
std::string indented(const std::string& text, const std::string& indent) {
    std::string out = indent;
    for (char c : text) {
        out += c;
        if (c == '\n') out += indent;
    }
    // Blank lines carry no indentation.
    std::string cleaned;
    std::size_t start = 0;
    while (start <= out.size()) {
        std::size_t nl = out.find('\n', start);
        if (nl == std::string::npos) nl = out.size();
        std::string line = out.substr(start, nl - start);
        if (line.find_first_not_of(' ') == std::string::npos) line.clear();
        cleaned += line;
        if (nl == out.size()) break;
        cleaned += '\n';
        start = nl + 1;
    }
    return cleaned;
}

}  // namespace

std::string json_line(const SyntheticThread& t) {
    nlohmann::ordered_json j;
    j["id"] = t.id;
    j["title"] = t.title;
    j["question"] = t.question;
    j["product"] = {std::string(t.product.area), std::string(t.product.name)};
    j["date"] = t.date;
    j["asker"] = t.asker;
    j["asker_reputation"] = t.asker_reputation;
    j["comments"] = t.comments;
    nlohmann::ordered_json answers = nlohmann::ordered_json::array();
    for (const SyntheticAnswer& a : t.answers) {
        nlohmann::ordered_json answer;
        answer["body"] = a.body;
        answer["role"] = std::string(to_string(a.role));
        if (!a.role_label.empty()) answer["role_label"] = a.role_label;
        if (!a.author.empty()) answer["author"] = a.author;
        answer["reputation"] = a.reputation;
        answer["helpful"] = a.helpful;
        answer["accepted"] = a.accepted;
        answer["date"] = a.date;
        answers.push_back(std::move(answer));
    }
    j["answers"] = std::move(answers);
    if (!t.duplicate_of.empty()) j["x_near_duplicate_of"] = t.duplicate_of;
    return j.dump();
}

std::string seed_page(const SyntheticThread& t) {
    std::string page = "Share via\n\n" + t.title + "\n\n" + t.asker + " " + with_commas(t.asker_reputation) +
                       " Reputation points\n" + t.date + "\n\n" + t.question + "\n\n" + std::string(t.product.area) +
                       " | " + std::string(t.product.name) + "\n" +
                       (t.comments == 0 ? std::string("0 comments No comments")
                                        : std::to_string(t.comments) + (t.comments == 1 ? " comment" : " comments")) +
                       "\n\n" + std::to_string(t.answers.size()) + (t.answers.size() == 1 ? " answer" : " answers") +
                       "\n\nSort by: Most helpful\n";
    int n = 0;
    for (const SyntheticAnswer& a : t.answers) {
        page += "  " + std::to_string(++n) + ". ";
        if (a.accepted) page += "Accepted answer\n    ";
        if (a.role == AuthorRole::Ai) {
            page += "AI answer\n";
        } else {
            page += a.author + " " + with_commas(a.reputation) + " Reputation points";
            if (!a.role_label.empty()) page += " " + a.role_label;
            page += "\n";
        }
        page += "    " + a.date + "\n\n" + indented(a.body, "    ") + "\n\n    Was this answer helpful?\n";
        if (a.helpful > 0)
            page += "\n    " + std::to_string(a.helpful) +
                    (a.helpful == 1 ? " person found this answer helpful.\n" : " people found this answer helpful.\n");
        page += "\n";
    }
    return page + "Your answer\n";
}

}  // namespace kb::bench

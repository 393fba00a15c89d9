#include "indexer/text/text_helpers.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kb {

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_ascii_digit); }

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_upper(c);
    return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view s, std::string_view chars) {
    const auto first = s.find_first_not_of(chars);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

std::string join_words(std::string_view folded, char separator) {
    std::string key;
    bool gap = false;
    for (char c : folded) {
        const bool word = is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80;
        if (!word) {
            gap = !key.empty();
            continue;
        }
        if (gap) key += separator;
        gap = false;
        key += c;
    }
    return key;
}

std::vector<std::string> lowered_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        if (is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80) {
            word += ascii_lower(c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

std::string decode_html_entities(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEntities{
        {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}}};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&')
            for (const auto& [entity, plain] : kEntities)
                if (text.compare(i, entity.size(), entity) == 0) {
                    out += plain;
                    i += entity.size();
                    replaced = true;
                    break;
                }
        if (!replaced) out += text[i++];
    }
    return out;
}

std::string_view leading_part(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text;
    const std::size_t space = text.rfind(' ', limit);
    return text.substr(0, space == std::string_view::npos ? 0 : space);
}

std::string without_json_library_tag(std::string_view message) {
    if (message.starts_with("[json.exception.")) {
        const auto end = message.find("] ");
        if (end != std::string_view::npos) message.remove_prefix(end + 2);
    }
    return std::string(message);
}

}  // namespace kb

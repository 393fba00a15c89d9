#include "indexer/text/text_helpers.h"

#include <algorithm>
#include <array>
#include <cstdio>
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

namespace {

// The code point at `text[i]` and its length in bytes; length 0 when the bytes there are not
// well-formed UTF-8.
std::pair<char32_t, std::size_t> code_point_at(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF0 && lead <= 0xF4  ? 4
                               : lead >= 0xE0                ? 3
                               : lead >= 0xC2 && lead < 0xE0 ? 2
                                                             : 0;
    if (length == 0 || i + length > text.size()) return {0, 0};
    char32_t cp = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    const char32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < shortest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
    return {cp, length};
}

bool needs_escape(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char buf[16];
    for (std::size_t i = 0; i < text.size();) {
        const auto [cp, length] = code_point_at(text, i);
        if (length == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
            out += buf;
            ++i;
            continue;
        }
        if (!needs_escape(cp)) {
            out.append(text.substr(i, length));
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else {
            std::snprintf(buf, sizeof buf, cp < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(cp));
            out += buf;
        }
        i += length;
    }
    return out;
}

bool has_control_characters(std::string_view text) { return printable(text) != text; }

std::string_view cut_at_word(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = text.find_last_of(" \t\n\r\f\v", limit);
    if (end == std::string_view::npos || end == 0) {
        end = limit;  // one long token: cut before a UTF-8 continuation byte, never inside it
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    }
    return trim(text.substr(0, end));
}

std::string without_json_library_tag(std::string_view message) {
    if (message.starts_with("[json.exception.")) {
        const auto end = message.find("] ");
        if (end != std::string_view::npos) message.remove_prefix(end + 2);
    }
    return std::string(message);
}

}  // namespace kb

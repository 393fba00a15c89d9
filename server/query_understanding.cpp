#include "server/query_understanding.h"

#include <algorithm>
#include <array>

#include "indexer/errors.h"
#include "indexer/index_writer.h"

namespace kb {

namespace {

// Xapian's boolean operators only count in capitals, so they must survive case folding.
constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool is_operator(std::string_view token) {
    return std::find(kOperators.begin(), kOperators.end(), token) != kOperators.end();
}

// Splits on spaces, keeping "quoted runs" (after a field name) together.
std::vector<std::string> tokens_of(const std::string& text) {
    std::vector<std::string> tokens;
    std::string current;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if ((c == ' ' || c == '\t' || c == '\n') && !quoted) {
            if (!current.empty()) tokens.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) tokens.push_back(std::move(current));
    return tokens;
}

std::string unquote(std::string_view s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return std::string(s);
}

// The code-shaped core of a token: "(AADSTS500121)," -> "AADSTS500121".
std::string_view core_of(std::string_view token) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::size_t b = 0, e = token.size();
    while (b < e && !word(token[b])) ++b;
    while (e > b && !word(token[e - 1])) --e;
    return token.substr(b, e - b);
}

}  // namespace

UnderstoodQuery QueryUnderstanding::understand(std::string_view raw) const {
    if (raw.size() > kMaxQueryBytes)
        throw QueryError("query is " + std::to_string(raw.size()) + " bytes; the limit is " +
                         std::to_string(kMaxQueryBytes));
    if (!Normaliser::is_valid_utf8(raw)) throw QueryError("query is not valid UTF-8");
    const std::string cleaned = normaliser_.clean(raw);
    if (cleaned.find_first_not_of(" \t\n") == std::string::npos) throw QueryError("query is empty");

    UnderstoodQuery q;
    std::string text;
    for (const std::string& token : tokens_of(cleaned)) {
        const auto colon = token.find(':');
        const std::string field = colon == std::string::npos ? "" : normaliser_.fold(token.substr(0, colon));
        const std::string value = colon == std::string::npos ? "" : unquote(token.substr(colon + 1));
        if (field == "product" && !value.empty()) {
            q.product_keys.push_back(product_key(normaliser_, value));
            continue;
        }
        if (field == "code" && !value.empty()) {
            if (auto code = error_codes_.from_query_token(core_of(value))) {
                q.code_display.push_back(token);
                q.codes.push_back(std::move(*code));
            } else {
                throw QueryError("'" + value + "' is not an error code");
            }
            continue;
        }
        // A leading '-' excludes a word; a code after it is left to the text parser.
        const bool negated = !token.empty() && token[0] == '-';
        if (!negated) {
            const std::string_view core = core_of(token);
            if (auto code = error_codes_.from_query_token(core)) {
                // Codes never reach the text parser, so spelling correction cannot touch them.
                q.code_display.push_back(std::string(core));
                q.codes.push_back(std::move(*code));
                continue;
            }
        }
        if (!text.empty()) text += ' ';
        text += is_operator(token) ? token : normaliser_.fold(token);
    }
    // "AND OR NOT" or "((" alone: nothing a search could match on.
    const bool has_word = std::any_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    bool only_operators = has_word;
    for (const std::string& token : tokens_of(text)) only_operators = only_operators && is_operator(token);
    if (q.codes.empty() && q.product_keys.empty() && (!has_word || only_operators))
        throw QueryError("query has no words to search for");
    q.text = std::move(text);
    return q;
}

}  // namespace kb

#include "server/search/query_understanding.h"

#include <algorithm>
#include <array>

#include "indexer/schema/keys.h"
#include "indexer/text/errors.h"

namespace kb {

namespace {

// Xapian's boolean operators only count in capitals, so they must survive case folding.
constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

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

bool is_query_operator(std::string_view token) {
    return std::find(kOperators.begin(), kOperators.end(), token) != kOperators.end();
}

UnderstoodQuery QueryUnderstanding::understand(std::string_view raw) const {
    if (raw.size() > kMaxQueryBytes)
        throw QueryError(
            "query is " + std::to_string(raw.size()) + " bytes; the limit is " + std::to_string(kMaxQueryBytes),
            QueryProblem::TooLong);
    if (!Normaliser::is_valid_utf8(raw)) throw QueryError("query is not valid UTF-8");
    const std::string cleaned = normaliser_.clean(raw);
    if (cleaned.find_first_not_of(" \t\n") == std::string::npos)
        throw QueryError("query is empty", QueryProblem::Empty);

    UnderstoodQuery q;
    std::string text;
    for (const std::string& whole : tokens_of(cleaned)) {
        // A leading '-' excludes what follows: a word (left to Xapian's parser), a code or a filter.
        const bool negated = whole.size() > 1 && whole[0] == '-';
        const std::string token = negated ? whole.substr(1) : whole;
        const auto colon = token.find(':');
        const std::string field = colon == std::string::npos ? "" : normaliser_.fold(token.substr(0, colon));
        const std::string value = colon == std::string::npos ? "" : unquote(token.substr(colon + 1));
        if (field == "product" && !value.empty()) {
            (negated ? q.excluded_product_keys : q.product_keys).push_back(product_key(normaliser_, value));
            continue;
        }
        if (field == "code" && !value.empty()) {
            auto code = error_codes_.from_query_token(core_of(value));
            if (!code) throw QueryError("'" + value + "' is not an error code");
            (negated ? q.excluded_codes : q.required_codes).push_back(std::move(*code));
            continue;
        }
        if (auto code = error_codes_.from_query_token(core_of(token))) {
            // Codes never reach the text parser, so spelling correction cannot touch them.
            (negated ? q.excluded_codes : q.codes).push_back(std::move(*code));
            continue;
        }
        if (negated && !is_query_operator(token)) {
            q.excluded_words.push_back(normaliser_.fold(token));
            continue;
        }
        if (!text.empty()) text += ' ';
        text += is_query_operator(whole) ? whole : normaliser_.fold(whole);
    }
    // "AND OR NOT" or "((" alone: nothing a search could match on.
    const bool has_word = std::any_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    bool only_operators = has_word;
    for (const std::string& token : tokens_of(text)) only_operators = only_operators && is_query_operator(token);
    if (q.codes.empty() && q.required_codes.empty() && q.product_keys.empty() && (!has_word || only_operators))
        throw QueryError(q.excluded_words.empty() && q.excluded_codes.empty() && q.excluded_product_keys.empty()
                             ? "query has no words to search for"
                             : "query only excludes; add a word or code to search for",
                         QueryProblem::Empty);
    q.text = std::move(text);
    return q;
}

}  // namespace kb

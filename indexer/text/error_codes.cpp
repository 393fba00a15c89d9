#include "indexer/text/error_codes.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return is_ascii_digit(c); }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string_view s) { return ascii_lower(s); }
std::string upper(std::string_view s) { return ascii_upper(s); }

bool all_of(std::string_view s, bool (*pred)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), pred); }

// An HRESULT-like word without "0x": eight hex digits with a failure facility prefix seen in
// support codes (8007..., 8004..., c004..., caa7...), and several decimal digits, so English words
// ("deadbeef"), dates and temp-file names ("8A3F1200") do not pass.
bool is_bare_hresult(std::string_view w) {
    if (w.size() != 8 || !all_of(w, is_hex)) return false;
    static constexpr std::array<std::string_view, 5> kPrefixes{"80", "c0", "c1", "ca", "87"};
    const std::string head = lower(w.substr(0, 2));
    if (std::find(kPrefixes.begin(), kPrefixes.end(), head) == kPrefixes.end()) return false;
    return std::count_if(w.begin(), w.end(), is_digit) >= 3;
}

// A code read from one word; `after_error_word` allows bare numbers.
std::optional<ErrorCode> classify(std::string_view w, bool allow_bare_number) {
    if (w.size() > 6 && lower(w.substr(0, 6)) == "aadsts" && all_of(w.substr(6), is_digit) && w.size() <= 14) {
        const std::string digits(w.substr(6));
        return ErrorCode{"AADSTS" + digits, {"aadsts" + digits, digits}};
    }
    if (w.size() == 10 && (w[0] == '0') && (w[1] == 'x' || w[1] == 'X') && all_of(w.substr(2), is_hex)) {
        const std::string hex = lower(w.substr(2));
        return ErrorCode{"0x" + upper(hex), {hex}};
    }
    if (is_bare_hresult(w)) {
        // Shown as 0x-HRESULTs are, whichever way the thread wrote it: one code, one look.
        const std::string hex = lower(w);
        return ErrorCode{"0x" + upper(hex), {hex}};
    }
    if (w.size() > 10 && upper(w.substr(0, 7)) == "STATUS_" && std::all_of(w.begin() + 7, w.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) || c == '_';
        })) {
        return ErrorCode{std::string(w), {lower(w)}};
    }
    if (allow_bare_number && w.size() >= 4 && w.size() <= 7 && all_of(w, is_digit)) {
        return ErrorCode{std::string(w), {std::string(w)}};
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> spelled_forms(const ErrorCode& code) {
    std::vector<std::string> forms = code.keys;
    forms.push_back(lower(code.display));
    // Only a code typed as a bare number: 80070005 is a hex code, shown 0x80070005.
    if (all_of(code.display, is_digit)) forms.push_back("aadsts" + code.display);
    std::sort(forms.begin(), forms.end());
    forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
    return forms;
}

std::vector<ErrorCode> ErrorCodes::extract(std::string_view text) const {
    std::vector<ErrorCode> codes;
    // "error 500121" and "AADSTS500121" in one thread are one code: the fuller form is kept.
    auto add = [&](ErrorCode code) {
        const auto same = std::find_if(codes.begin(), codes.end(), [&](const ErrorCode& c) {
            return std::any_of(c.keys.begin(), c.keys.end(), [&](const std::string& key) {
                return std::find(code.keys.begin(), code.keys.end(), key) != code.keys.end();
            });
        });
        if (same == codes.end())
            codes.push_back(std::move(code));
        else if (code.keys.size() > same->keys.size())
            *same = std::move(code);
    };
    // Words separated by anything that is not a letter, digit or underscore; "error"/"code"
    // within the last two words licenses a bare number ("Error Code: 500121", "error 50076").
    int words_since_error_word = 99;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word(text[i])) {
            if (text[i] == '\n' || text[i] == '.') words_since_error_word = 99;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && is_word(text[j])) ++j;
        const std::string_view word = text.substr(i, j - i);
        i = j;
        if (word.size() > 64) continue;
        const std::string w = lower(word);
        if (w == "error" || w == "code" || w == "err" || w == "errorcode") {
            words_since_error_word = 0;
            continue;
        }
        if (auto code = classify(word, words_since_error_word <= 1)) add(std::move(*code));
        ++words_since_error_word;
    }
    return codes;
}

std::optional<ErrorCode> ErrorCodes::from_query_token(std::string_view token) const { return classify(token, true); }

}  // namespace kb

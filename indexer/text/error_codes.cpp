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

bool is_upper_word_part(char c) { return std::isupper(static_cast<unsigned char>(c)) || is_digit(c); }

// One shape of code: what it reads from one word (and whether an "error"/"code" word stood just
// before it), or nothing. The shapes are one table, tried in order; a product with codes of its
// own adds a row.
struct CodeShape {
    std::string_view example;
    std::optional<ErrorCode> (*read)(std::string_view word, bool after_error_word);
};

std::optional<ErrorCode> sign_in_code(std::string_view w, bool) {
    if (w.size() > 6 && w.size() <= 14 && lower(w.substr(0, 6)) == "aadsts" && all_of(w.substr(6), is_digit)) {
        const std::string digits(w.substr(6));
        return ErrorCode{"AADSTS" + digits, {"aadsts" + digits, digits}};
    }
    return std::nullopt;
}

std::optional<ErrorCode> hresult(std::string_view w, bool) {
    const bool with_0x = w.size() == 10 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X') && all_of(w.substr(2), is_hex);
    // Shown as 0x-HRESULTs are, whichever way the thread wrote it: one code, one look.
    if (!with_0x && !is_bare_hresult(w)) return std::nullopt;
    const std::string hex = lower(with_0x ? w.substr(2) : w);
    return ErrorCode{"0x" + upper(hex), {hex}};
}

// A status or stop-code name: capitals in three underscore-joined parts or more
// ("STATUS_ACCESS_VIOLATION", "IKE_REKEY_FAILED"), or two that name a failure ("ERROR_TIMEOUT");
// not a registry root ("HKEY_LOCAL_MACHINE") or a constant ("MAX_PATH").
std::optional<ErrorCode> constant_name(std::string_view w, bool) {
    if (w.size() < 8 || w.find('_') == std::string_view::npos || !std::isupper(static_cast<unsigned char>(w[0])))
        return std::nullopt;
    if (w.substr(0, 5) == "HKEY_") return std::nullopt;
    static constexpr std::array<std::string_view, 14> kFailureWords{
        "FAILED",  "FAILURE", "FAIL",     "ERROR",   "DENIED",  "VIOLATION", "EXCEPTION",
        "INVALID", "TIMEOUT", "MISMATCH", "EXPIRED", "REFUSED", "ABORTED",   "DIED"};
    std::size_t parts = 0, longest = 0;
    bool says_failure = false;
    for (std::size_t from = 0; from <= w.size();) {
        std::size_t to = w.find('_', from);
        if (to == std::string_view::npos) to = w.size();
        const std::string_view part = w.substr(from, to - from);
        if (part.empty() || !all_of(part, is_upper_word_part)) return std::nullopt;
        ++parts;
        longest = std::max(longest, part.size());
        says_failure =
            says_failure || std::find(kFailureWords.begin(), kFailureWords.end(), part) != kFailureWords.end();
        from = to + 1;
    }
    // Two parts are a constant ("MAX_PATH") unless one says what failed.
    if (parts < 2 || longest < 4 || (parts == 2 && !says_failure)) return std::nullopt;
    return ErrorCode{std::string(w), {lower(w)}};
}

// A product's own prefix and a hex number: "AUTH_0x2F", "VPN_0x80A".
std::optional<ErrorCode> prefixed_hex(std::string_view w, bool) {
    const std::size_t cut = w.find("_0x");
    if (cut == std::string_view::npos || cut < 2 || cut + 3 >= w.size() || w.size() - cut - 3 > 8) return std::nullopt;
    if (!all_of(w.substr(0, cut), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }) ||
        !all_of(w.substr(cut + 3), is_hex))
        return std::nullopt;
    return ErrorCode{std::string(w.substr(0, cut)) + "_0x" + upper(w.substr(cut + 3)), {lower(w)}};
}

// A number right after "error" or "code": three digits or more ("error 809", "Error Code:
// 500121"); text is full of other numbers.
std::optional<ErrorCode> cued_number(std::string_view w, bool after_error_word) {
    if (after_error_word && w.size() >= 3 && w.size() <= 7 && all_of(w, is_digit))
        return ErrorCode{std::string(w), {std::string(w)}};
    return std::nullopt;
}

constexpr std::array<CodeShape, 5> kCodeShapes{{
    {"AADSTS500121", sign_in_code},
    {"0x80070005, 80070005", hresult},
    {"AUTH_0x2F", prefixed_hex},
    {"STATUS_ACCESS_VIOLATION, IKE_REKEY_FAILED", constant_name},
    {"error 809", cued_number},
}};

std::optional<ErrorCode> classify(std::string_view w, bool after_error_word) {
    for (const CodeShape& shape : kCodeShapes)
        if (auto code = shape.read(w, after_error_word)) return code;
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

std::optional<ErrorCode> ErrorCodes::from_query_token(std::string_view token) const {
    // A query's bare number is a code from four digits: "365" in "office 365" is not one.
    if (all_of(token, is_digit) && token.size() < 4) return std::nullopt;
    return classify(token, true);
}

}  // namespace kb

#include "indexer/text/pii_scrubber.h"

#include <algorithm>
#include <array>

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "indexer/text/errors.h"

namespace kb {

// Every pattern runs on RE2, whose matching is linear in the text by design: no input, however
// long a run of letters or a pasted blob, can make a pass rescan it. RE2 has no look-around, so
// the few boundaries a pattern needs ("not inside a word") are checked in code around a match.

namespace {

constexpr std::array<std::string_view, 7> kPlaceholders{"[email]", "[phone]", "[id]",  "[ip]",
                                                        "[name]",  "[card]",  "[iban]"};

// Words too common to treat as a name part even when they are part of a display name.
constexpr std::array<std::string_view, 24> kNotNameParts{
    "The",       "And",    "For",     "You",     "Your",  "Microsoft", "Support", "Team",
    "Admin",     "User",   "Office",  "Windows", "Help",  "Guest",     "Staff",   "Moderator",
    "Community", "Answer", "Outlook", "Teams",   "Excel", "Edge",      "Account", "Agent"};

std::unique_ptr<RE2> compile(const std::string& pattern) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) throw Error("bad PII pattern (" + re->error() + "): " + pattern);
    return re;
}

// The code point before byte `at` and the one starting at it; -1 at either end of the text.
UChar32 code_point_before(std::string_view text, std::size_t at) {
    if (at == 0) return -1;
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
    return c;
}
UChar32 code_point_at(std::string_view text, std::size_t at) {
    if (at >= text.size()) return -1;
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    return c;
}
std::size_t next_code_point(std::string_view text, std::size_t at) {
    if (at >= text.size()) return text.size() + 1;
    auto i = static_cast<int32_t>(at);
    U8_FWD_1(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()));
    return static_cast<std::size_t>(i);
}

bool is_letter_or_number(UChar32 c) { return c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0; }
// What ICU's \w takes: letters, marks, digits, connector punctuation.
bool is_word_character(UChar32 c) {
    return c >= 0 && (u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0);
}

// A match that does not stand inside a word: what (?<!\w)...(?!\w) said.
bool stands_alone(std::string_view text, std::size_t start, std::size_t end) {
    return !is_word_character(code_point_before(text, start)) && !is_word_character(code_point_at(text, end));
}

bool looks_like_phone(std::string_view text, std::size_t start, std::size_t end) {
    // Not glued to a word, a number or a hyphenated code on either side.
    const UChar32 before = code_point_before(text, start);
    if (is_letter_or_number(before) || before == '-' || is_letter_or_number(code_point_at(text, end))) return false;
    const std::string_view candidate = text.substr(start, end - start);
    const auto digits = std::count_if(candidate.begin(), candidate.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits < 9 || digits > 15) return false;
    const auto separators =
        std::count_if(candidate.begin(), candidate.end(), [](char c) { return c == ' ' || c == '-'; });
    // A date ("2026-05-30 1234...") is not a phone number.
    if (candidate.size() >= 10 && candidate[4] == '-' && candidate[7] == '-') return false;
    return candidate.front() == '+' || candidate.find('(') != std::string_view::npos || separators >= 2;
}

// A payment card number: 13 to 19 digits, alone or in groups split by one space or hyphen, that
// pass the Luhn check (ISO/IEC 7812), so a long order or build number is rarely taken for one.
bool looks_like_card(std::string_view text, std::size_t start, std::size_t end) {
    const UChar32 before = code_point_before(text, start);
    if (is_letter_or_number(before) || before == '-' || before == '.') return false;
    const UChar32 after = code_point_at(text, end);
    if (is_letter_or_number(after) || after == '-') return false;
    // Part of a version or a decimal ("4111111111111111.2").
    if (after == '.' && end + 1 < text.size() && text[end + 1] >= '0' && text[end + 1] <= '9') return false;
    int digits = 0, sum = 0;
    for (std::size_t i = end; i-- > start;) {
        if (text[i] < '0' || text[i] > '9') continue;
        int d = text[i] - '0';
        if (digits++ % 2 == 1 && (d *= 2) > 9) d -= 9;
        sum += d;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0;
}

// An IBAN: country letters, two check digits and up to 30 letters and digits, written whole or in
// groups of four, whose ISO 13616 check (the number read base 36, mod 97) gives 1.
bool looks_like_iban(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    std::string compact;
    for (std::size_t i = start; i < end; ++i)
        if (text[i] != ' ') compact += text[i];
    if (compact.size() < 15 || compact.size() > 34) return false;
    std::rotate(compact.begin(), compact.begin() + 4, compact.end());
    int remainder = 0;
    for (const char c : compact) {
        const int value = c <= '9' ? c - '0' : c - 'A' + 10;
        remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
    }
    return remainder == 1;
}

bool always(std::string_view, std::size_t, std::size_t) { return true; }

// Replaces each match of `pattern` that `accept` takes with `with`. A refused match is retried
// one code point later, as a regex engine with look-around would; matches are short, so the
// whole pass stays linear.
void replace_matches(std::string& text, const RE2& pattern, std::string_view with,
                     bool (*accept)(std::string_view, std::size_t, std::size_t)) {
    std::string out;
    std::size_t copied = 0, from = 0;
    const re2::StringPiece input(text);
    re2::StringPiece match;
    while (from <= text.size() && pattern.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
        const auto start = static_cast<std::size_t>(match.data() - text.data());
        const std::size_t end = start + match.size();
        if (match.empty() || !accept(text, start, end)) {
            from = next_code_point(text, start);
            continue;
        }
        out.append(text, copied, start - copied);
        out.append(with);
        copied = from = end;
    }
    if (copied == 0 && out.empty()) return;  // nothing replaced
    out.append(text, copied, std::string::npos);
    text = std::move(out);
}

// Patterns every scrubber shares: compiled once, read concurrently (RE2 objects are thread-safe).
struct CommonPatterns {
    std::unique_ptr<RE2> marker_in_parens, marker, greeting, email, guid, iban, card, ipv4, ipv6, phone, mention;
    CommonPatterns();
};

CommonPatterns::CommonPatterns() {
    auto& p = *this;
    const std::string redaction =
        R"((?:Moderator note:\s*)?(?:Personally Identifiable Information|Personal(?:ly)? (?:identifiable )?information|PII)[^\]\n]{0,40}\])";
    // A marker that stood in parentheses takes them along: "my account ([...]) and" reads "my
    // account and", not "my account () and".
    p.marker_in_parens = compile(R"((?i)[ \t]*\(\s*\[)" + redaction + R"(\s*\))");
    // The marker and the label it replaced the value of ("Request Id: [...]").
    p.marker = compile(R"((?im)(?:^[ \t]*\pL[\pL ]{0,30}:[ \t]*)?\[)" + redaction + R"([ \t]*)");
    // A salutation line: "Dear @Name,", "Hello @Last, First", "Hi all,", "Hello!". A line that
    // goes on into the question ("Hi I cannot sign in") is kept; its names go below.
    p.greeting = compile(
        R"((?im)^[ \t]*(?:Dear|Hi|Hello|Hey|Greetings|Good (?:morning|afternoon|evening))\b(?:[ \t,]*@[^\n,!]{1,60}(?:,[ \t]*[\pL\-']+)?[ \t]*[,!.]?|(?:[ \t,]+[\pL\pN'\-.]+){0,4}[ \t]*[,!]|[ \t]*[,!]?)[ \t]*$\n?)");
    // With its domain, or with the domain cut short by the writer ("farid@...", "farid.m@contoso…",
    // "farid@gmail"): the local part is usually a name, so any word@ counts as an address.
    p.email = compile(R"([\pL\pN._%+*\-]+@(?:[\pL\pN\-]+(?:\.[\pL\pN\-]+)*)?(?:\.*\x{2026}|\.{2,}|\*{2,})?)");
    p.guid = compile(R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)");
    // Candidates only: the checks are in looks_like_iban and looks_like_card.
    p.iban = compile(R"([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})");
    p.card = compile(R"(\d(?:[ \-]?\d){12,18})");
    p.ipv4 = compile(R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)");
    p.ipv6 = compile(
        R"(\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4}\b)");
    // Candidates only: the neighbours, digit counts and separators are checked in looks_like_phone.
    p.phone = compile(R"(\+?(?:\(\d{1,4}\)[ \-]?)?\d{1,5}(?:[ \-]\(?\d{1,5}\)?){1,5})");
    p.mention = compile(R"(@[\pL\pN_.\-]+(?:,?[ \t]\p{Lu}[\pL\-']*)?)");
}

const CommonPatterns& common_patterns() {
    static const CommonPatterns patterns;
    return patterns;
}

// A display name's parts: "Armendariz, Erica" -> {"Armendariz", "Erica"}.
std::vector<std::string> name_parts(std::string_view name) {
    std::vector<std::string> parts;
    std::string part;
    for (const char c : std::string(name) + " ") {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!part.empty()) parts.push_back(std::move(part));
            part.clear();
        } else {
            part += c;
        }
    }
    return parts;
}

// "(?:a|b|c)" of the alternatives, longest first, so that leftmost-first matching takes the
// longest name at a place (RE2 cannot back off to a shorter one when the boundary check fails).
std::string alternation(std::vector<std::string> alternatives) {
    std::sort(alternatives.begin(), alternatives.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
    std::string out = "(?:";
    for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i ? "|" : "") + alternatives[i];
    return out + ")";
}

}  // namespace

struct PiiScrubber::Patterns {
    std::unique_ptr<RE2> full_names;  // case-insensitive, whole names
    std::unique_ptr<RE2> name_parts;  // case-sensitive, capitalised parts
};

PiiScrubber::PiiScrubber(std::vector<std::string> known_names) : patterns_(std::make_unique<Patterns>()) {
    auto& p = *patterns_;
    // "Armendariz, Erica" is matched with any run of spaces and commas between its parts.
    std::vector<std::string> full_alternatives, part_alternatives;
    for (const std::string& raw : known_names) {
        // A name is pattern text: ill-formed UTF-8 in it (a damaged page) becomes U+FFFD, as
        // ICU reads it, rather than a pattern RE2 refuses.
        std::string name;
        icu::UnicodeString::fromUTF8(raw).toUTF8String(name);
        const std::vector<std::string> parts = name_parts(name);
        if (parts.empty()) continue;
        std::string full;
        for (std::size_t i = 0; i < parts.size(); ++i) full += (i ? "[ ,]+" : "") + RE2::QuoteMeta(parts[i]);
        full_alternatives.push_back(std::move(full));
        for (const std::string& candidate : parts) {
            if (code_point_at(candidate, 0) < 0 || candidate.size() < 3) continue;
            if (std::find(kNotNameParts.begin(), kNotNameParts.end(), candidate) != kNotNameParts.end()) continue;
            // The part as written, and capitalised: "CAHOON" also as "Cahoon".
            icu::UnicodeString capitalised = icu::UnicodeString::fromUTF8(candidate);
            if (capitalised.countChar32() < 3) continue;
            capitalised.toLower();
            capitalised.replace(0, capitalised.moveIndex32(0, 1),
                                icu::UnicodeString(capitalised, 0, capitalised.moveIndex32(0, 1)).toUpper());
            std::string capitalised_utf8;
            capitalised.toUTF8String(capitalised_utf8);
            part_alternatives.push_back(RE2::QuoteMeta(candidate));
            part_alternatives.push_back(RE2::QuoteMeta(capitalised_utf8));
        }
    }
    if (!full_alternatives.empty()) p.full_names = compile("(?i)" + alternation(std::move(full_alternatives)));
    if (!part_alternatives.empty()) p.name_parts = compile(alternation(std::move(part_alternatives)));
}

std::string PiiScrubber::scrub(std::string_view utf8) const {
    const auto& c = common_patterns();
    const auto& p = *patterns_;
    std::string text(utf8);
    replace_matches(text, *c.marker_in_parens, "", always);
    replace_matches(text, *c.marker, "", always);
    replace_matches(text, *c.greeting, "", always);
    replace_matches(text, *c.email, "[email]", always);
    replace_matches(text, *c.mention, "[name]", always);
    if (p.full_names) replace_matches(text, *p.full_names, "[name]", stands_alone);
    if (p.name_parts) replace_matches(text, *p.name_parts, "[name]", stands_alone);
    replace_matches(text, *c.guid, "[id]", always);
    replace_matches(text, *c.iban, "[iban]", looks_like_iban);
    replace_matches(text, *c.card, "[card]", looks_like_card);
    replace_matches(text, *c.ipv6, "[ip]", always);
    replace_matches(text, *c.ipv4, "[ip]", always);
    replace_matches(text, *c.phone, "[phone]", looks_like_phone);
    return text;
}

PiiScrubber::~PiiScrubber() = default;
PiiScrubber::PiiScrubber(PiiScrubber&&) noexcept = default;
PiiScrubber& PiiScrubber::operator=(PiiScrubber&&) noexcept = default;

std::span<const std::string_view> PiiScrubber::placeholders() { return kPlaceholders; }

}  // namespace kb

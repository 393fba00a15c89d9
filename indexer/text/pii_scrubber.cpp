#include "indexer/text/pii_scrubber.h"

#include <array>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "indexer/text/errors.h"

namespace kb {

namespace {

constexpr std::array<std::string_view, 5> kPlaceholders{"[email]", "[phone]", "[id]", "[ip]", "[name]"};

// Words too common to treat as a name part even when they are part of a display name.
constexpr std::array<std::string_view, 24> kNotNameParts{
    "The",       "And",    "For",     "You",     "Your",  "Microsoft", "Support", "Team",
    "Admin",     "User",   "Office",  "Windows", "Help",  "Guest",     "Staff",   "Moderator",
    "Community", "Answer", "Outlook", "Teams",   "Excel", "Edge",      "Account", "Agent"};

std::unique_ptr<icu::RegexPattern> compile(const char* pattern, uint32_t flags = 0) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    std::unique_ptr<icu::RegexPattern> re(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), flags, where, status));
    if (U_FAILURE(status)) throw Error(std::string("bad PII pattern (") + u_errorName(status) + "): " + pattern);
    return re;
}

icu::UnicodeString quote_for_regex(const icu::UnicodeString& s) {
    return icu::UnicodeString(u"\\Q") + s + icu::UnicodeString(u"\\E");
}

int count_digits(const icu::UnicodeString& s) {
    int n = 0;
    for (int32_t i = 0; i < s.length(); ++i)
        if (s[i] >= u'0' && s[i] <= u'9') ++n;
    return n;
}

// Patterns every scrubber shares: compiled once, read concurrently (RegexPattern is immutable).
struct CommonPatterns {
    std::unique_ptr<icu::RegexPattern> marker_in_parens, marker, greeting, email, guid, ipv4, ipv6, phone, mention;
    CommonPatterns();
};

CommonPatterns::CommonPatterns() {
    auto& p = *this;
    // A marker that stood in parentheses takes them along: "my account ([...]) and" reads "my
    // account and", not "my account () and".
    p.marker_in_parens = compile(
        R"([ \t]*\(\s*\[(?:Moderator note:\s*)?(?:Personally Identifiable Information|Personal(?:ly)? (?:identifiable )?information|PII)[^\]\n]{0,40}\]\s*\))",
        UREGEX_CASE_INSENSITIVE);
    // The marker and the label it replaced the value of ("Request Id: [...]").
    p.marker = compile(
        R"((?:^[ \t]*[\p{L}][\p{L} ]{0,30}:[ \t]*)?\[(?:Moderator note:\s*)?(?:Personally Identifiable Information|Personal(?:ly)? (?:identifiable )?information|PII)[^\]\n]{0,40}\][ \t]*)",
        UREGEX_CASE_INSENSITIVE | UREGEX_MULTILINE);
    // A salutation line: "Dear @Name,", "Hello @Last, First", "Hi all,", "Hello!". A line that
    // goes on into the question ("Hi I cannot sign in") is kept; its names go below.
    p.greeting = compile(
        R"(^[ \t]*(?:Dear|Hi|Hello|Hey|Greetings|Good (?:morning|afternoon|evening))\b(?:[ \t,]*@[^\n,!]{1,60}(?:,[ \t]*[\p{L}\-']+)?[ \t]*[,!.]?|(?:[ \t,]+[\p{L}\p{N}'\-.]+){0,4}[ \t]*[,!]|[ \t]*[,!]?)[ \t]*$\n?)",
        UREGEX_CASE_INSENSITIVE | UREGEX_MULTILINE);
    // With its domain, or with the domain cut short by the writer ("farid@...", "farid.m@contoso…",
    // "farid@gmail"): the local part is usually a name, so any word@ counts as an address.
    p.email =
        compile(R"([\p{L}\p{N}._%+*\-]+@(?:[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*)?(?:\.*\x{2026}|\.{2,}|\*{2,})?)");
    p.guid = compile(R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)");
    p.ipv4 = compile(R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)");
    p.ipv6 = compile(
        R"(\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4}\b)");
    // Candidates only: digit counts and separators are checked in code.
    p.phone =
        compile(R"((?<![\p{L}\p{N}\-])\+?(?:\(\d{1,4}\)[ \-]?)?\d{1,5}(?:[ \-]\(?\d{1,5}\)?){1,5}(?![\p{L}\p{N}]))");
    p.mention = compile(R"(@[\p{L}\p{N}_.\-]+(?:,?[ \t]\p{Lu}[\p{L}\-']*)?)");
}

const CommonPatterns& common_patterns() {
    static const CommonPatterns patterns;
    return patterns;
}

}  // namespace

struct PiiScrubber::Patterns {
    std::unique_ptr<icu::RegexPattern> full_names;  // case-insensitive, whole names
    std::unique_ptr<icu::RegexPattern> name_parts;  // case-sensitive, capitalised parts
};

PiiScrubber::PiiScrubber(std::vector<std::string> known_names) : patterns_(std::make_unique<Patterns>()) {
    auto& p = *patterns_;

    // "Armendariz, Erica" is matched with any run of spaces and commas between its parts.
    icu::UnicodeString full_alternatives, part_alternatives;
    for (const std::string& raw : known_names) {
        std::vector<icu::UnicodeString> parts;
        icu::UnicodeString part;
        const icu::UnicodeString name = icu::UnicodeString::fromUTF8(raw);
        for (int32_t i = 0; i <= name.length(); ++i) {
            const UChar c = i < name.length() ? name[i] : u' ';
            if (c == u' ' || c == u',' || c == u'\t') {
                if (part.length() > 0) parts.push_back(part);
                part.remove();
            } else {
                part.append(c);
            }
        }
        if (parts.empty()) continue;
        icu::UnicodeString full;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i) full += u"[ ,]+";
            full += quote_for_regex(parts[i]);
        }
        if (full_alternatives.length() > 0) full_alternatives += u"|";
        full_alternatives += full;
        for (const auto& candidate : parts) {
            if (candidate.length() < 3) continue;
            std::string utf8;
            candidate.toUTF8String(utf8);
            bool common = false;
            for (auto word : kNotNameParts) common = common || word == utf8;
            if (common) continue;
            icu::UnicodeString capitalised = candidate;
            capitalised.toLower();
            capitalised.replace(0, 1, icu::UnicodeString(candidate, 0, 1).toUpper());
            for (const auto& form : {candidate, capitalised}) {
                if (part_alternatives.length() > 0) part_alternatives += u"|";
                part_alternatives += quote_for_regex(form);
            }
        }
    }
    // These are compiled for every thread, so they avoid what is slow to compile: a \p{...}
    // property builds its set anew each time (\w is built once per process), and
    // case-insensitivity is scoped to the names.
    auto compile_alternatives = [](const icu::UnicodeString& alternatives, bool ignore_case) {
        std::string utf8;
        (icu::UnicodeString(u"(?<!\\w)(?") + (ignore_case ? u"i" : u"") + u":" + alternatives + u")(?!\\w)")
            .toUTF8String(utf8);
        return compile(utf8.c_str());
    };
    if (full_alternatives.length() > 0) p.full_names = compile_alternatives(full_alternatives, true);
    if (part_alternatives.length() > 0) p.name_parts = compile_alternatives(part_alternatives, false);
}

namespace {

void replace_all(icu::UnicodeString& text, const icu::RegexPattern& pattern, const icu::UnicodeString& with) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
    if (U_FAILURE(status)) throw Error(std::string("PII matcher failed: ") + u_errorName(status));
    icu::UnicodeString out = m->replaceAll(with, status);
    if (U_FAILURE(status)) throw Error(std::string("PII replacement failed: ") + u_errorName(status));
    text = out;
}

// Replaces each match that `keep_match` accepts; others stay as they are.
template <typename Predicate>
void replace_if(icu::UnicodeString& text, const icu::RegexPattern& pattern, const icu::UnicodeString& with,
                Predicate keep_match) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
    if (U_FAILURE(status)) throw Error(std::string("PII matcher failed: ") + u_errorName(status));
    icu::UnicodeString out;
    int32_t copied = 0;
    while (m->find(status) && U_SUCCESS(status)) {
        const int32_t start = m->start(status), end = m->end(status);
        const icu::UnicodeString found(text, start, end - start);
        if (!keep_match(found)) continue;
        out.append(text, copied, start - copied);
        out.append(with);
        copied = end;
    }
    out.append(text, copied, text.length() - copied);
    text = out;
}

bool looks_like_phone(const icu::UnicodeString& candidate) {
    const int digits = count_digits(candidate);
    if (digits < 9 || digits > 15) return false;
    int separators = 0;
    for (int32_t i = 0; i < candidate.length(); ++i)
        if (candidate[i] == u' ' || candidate[i] == u'-') ++separators;
    // A date ("2026-05-30 1234...") is not a phone number.
    if (candidate.length() >= 10 && candidate[4] == u'-' && candidate[7] == u'-') return false;
    return candidate.startsWith(u"+") || candidate.indexOf(u'(') >= 0 || separators >= 2;
}

}  // namespace

std::string PiiScrubber::scrub(std::string_view utf8) const {
    const auto& c = common_patterns();
    const auto& p = *patterns_;
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    replace_all(text, *c.marker_in_parens, u"");
    replace_all(text, *c.marker, u"");
    replace_all(text, *c.greeting, u"");
    replace_all(text, *c.email, u"[email]");
    replace_all(text, *c.mention, u"[name]");
    if (p.full_names) replace_all(text, *p.full_names, u"[name]");
    if (p.name_parts) replace_all(text, *p.name_parts, u"[name]");
    replace_all(text, *c.guid, u"[id]");
    replace_all(text, *c.ipv6, u"[ip]");
    replace_all(text, *c.ipv4, u"[ip]");
    replace_if(text, *c.phone, u"[phone]", looks_like_phone);
    std::string out;
    text.toUTF8String(out);
    return out;
}

PiiScrubber::~PiiScrubber() = default;
PiiScrubber::PiiScrubber(PiiScrubber&&) noexcept = default;
PiiScrubber& PiiScrubber::operator=(PiiScrubber&&) noexcept = default;

std::span<const std::string_view> PiiScrubber::placeholders() { return kPlaceholders; }

}  // namespace kb

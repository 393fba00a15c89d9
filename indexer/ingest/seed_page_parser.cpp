#include "indexer/ingest/seed_page_parser.h"

#include <algorithm>
#include <regex>

#include "indexer/text/normaliser.h"
#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

// Structural lines are short; anything longer is body text and never matched against a pattern.
constexpr std::size_t kMaxStructuralLine = 400;
constexpr std::size_t kMaxLineBytes = 256 * 1024;

struct Line {
    std::string text;  // cleaned, right-trimmed
    int number;        // 1-based line number in the file
};

std::string rtrim(std::string s) {
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
}

// Page lines are split on '\n' and keep any other control byte: only blanks are trimmed.
std::string trim(std::string_view s) { return std::string(kb::trim(s, " \t")); }

bool matches(const std::string& line, const std::regex& re, std::smatch& m) {
    return line.size() <= kMaxStructuralLine && std::regex_match(line, m, re);
}

bool matches(const std::string& line, const std::regex& re) {
    std::smatch m;
    return matches(line, re, m);
}

long parse_count(const std::string& digits) {
    std::string plain;
    for (char c : digits)
        if (c >= '0' && c <= '9') plain += c;
    if (plain.empty() || plain.size() > 12) return 0;
    return std::stol(plain);
}

const std::regex& author_line() {
    // "Demi-N 17,570 Reputation points Microsoft External Staff Moderator"
    static const std::regex re(R"(\s*(.*?)\s+(\d[\d,.]*)\s+Reputation points?\s*(.*))", std::regex::icase);
    return re;
}
const std::regex& timestamp_line() {
    static const std::regex re(R"(\s*(\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+)?(?:Z|[+-]\d{2}:?\d{2})?)\s*)");
    return re;
}
const std::regex& answers_header() {
    static const std::regex re(R"((\d+)\s+answers?)", std::regex::icase);
    return re;
}
const std::regex& comments_line() {
    static const std::regex re(R"((\d+)\s+comments?(\s+No comments)?|No comments)", std::regex::icase);
    return re;
}
const std::regex& answer_start() {
    static const std::regex re(R"( {0,3}(\d+)\.\s+(.*))");
    return re;
}
const std::regex& helpful_line() {
    static const std::regex re(R"(\s*(\d[\d,]*)\s+(?:person|people)\s+found this answer helpful\.?\s*)",
                               std::regex::icase);
    return re;
}

AuthorRole role_from_label(const std::string& label) {
    const std::string lowered = ascii_lower(label);
    auto has = [&](std::string_view word) { return lowered.find(word) != std::string::npos; };
    const bool moderator = has("moderator");
    const bool staff = has("staff") || has("employee") || has("vendor") || has("microsoft");
    if (moderator && staff) return AuthorRole::StaffModerator;
    if (moderator) return AuthorRole::Moderator;
    if (staff) return AuthorRole::Staff;
    return AuthorRole::User;
}

// Joins body lines, removing the common indentation and surrounding blank lines.
std::string join_body(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
    while (begin < end && lines[begin].text.empty()) ++begin;
    while (end > begin && lines[end - 1].text.empty()) --end;
    std::size_t indent = std::string::npos;
    for (std::size_t i = begin; i < end; ++i) {
        const std::string& t = lines[i].text;
        if (t.empty()) continue;
        indent = std::min(indent, t.find_first_not_of(' '));
    }
    if (indent == std::string::npos) indent = 0;
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        const std::string& t = lines[i].text;
        if (!out.empty()) out += '\n';
        if (t.size() > indent) out.append(t, indent, std::string::npos);
    }
    return out;
}

class PageReader {
  public:
    PageReader(std::vector<Line> lines, std::string file) : lines_(std::move(lines)), file_(std::move(file)) {}

    Thread read(const std::string& id) {
        Thread thread;
        thread.id = id;
        thread.source_file = file_;

        std::size_t i = skip_blank(0);
        if (i < lines_.size() && trim(lines_[i].text) == "Share via") i = skip_blank(i + 1);
        if (i >= lines_.size()) fail(i, "no title");
        thread.title = trim(lines_[i].text);
        if (thread.title.size() > kMaxStructuralLine) fail(i, "title line is too long to be a page title");

        i = skip_blank(i + 1);
        std::smatch m;
        if (i >= lines_.size() || !matches(lines_[i].text, author_line(), m))
            fail(i, "expected the asker line (\"Name N Reputation points\") after the title");
        thread.asker_name = trim(m[1].str());
        thread.asker_reputation = parse_count(m[2].str());

        i = skip_blank(i + 1);
        if (i < lines_.size() && matches(lines_[i].text, timestamp_line(), m)) {
            thread.date = m[1].str();
            i = skip_blank(i + 1);
        }
        const std::size_t question_begin = i;

        // The answers header ("2 answers") ends the question block.
        const std::size_t footer = find_footer(question_begin);
        std::size_t header = lines_.size();
        long declared_answers = -1;
        for (std::size_t j = question_begin; j < footer; ++j) {
            if (matches(lines_[j].text, answers_header(), m)) {
                header = j;
                declared_answers = parse_count(m[1].str());
                break;
            }
        }
        // Every scraped page ends with the footer; a page cut inside its last answer would
        // otherwise index that answer half written.
        if (footer == lines_.size())
            fail(lines_.size(), header == lines_.size()
                                    ? "page ends before its answers section: truncated?"
                                    : "page ends inside its answers, before the \"Your answer\" footer: truncated?");
        std::size_t question_end = std::min(header, footer);

        // Walk back over the comment count and the product breadcrumb.
        std::size_t k = question_end;
        auto prev_nonblank = [&](std::size_t from) -> std::size_t {
            while (from > question_begin && lines_[from - 1].text.empty()) --from;
            return from == question_begin ? lines_.size() : from - 1;
        };
        std::size_t p = prev_nonblank(k);
        // The match refers into the string it ran on, so the trimmed line must outlive it.
        const std::string comments = p != lines_.size() ? trim(lines_[p].text) : std::string();
        if (p != lines_.size() && matches(comments, comments_line(), m)) {
            thread.comment_count = m[1].matched ? static_cast<int>(parse_count(m[1].str())) : 0;
            k = p;
            p = prev_nonblank(k);
        }
        if (p != lines_.size() && lines_[p].text.find(" | ") != std::string::npos &&
            lines_[p].text.size() <= kMaxStructuralLine) {
            std::string crumb = lines_[p].text;
            std::size_t start = 0;
            while (start <= crumb.size()) {
                const std::size_t bar = crumb.find('|', start);
                std::string level = trim(std::string_view(crumb).substr(start, bar - start));
                if (!level.empty()) thread.product_path.push_back(level);
                if (bar == std::string::npos) break;
                start = bar + 1;
            }
            k = p;
        }
        thread.question = join_body(lines_, question_begin, k);

        if (header != lines_.size()) read_answers(thread, header + 1, footer, declared_answers);
        return thread;
    }

  private:
    [[noreturn]] void fail(std::size_t index, const std::string& message) const {
        const int line = index < lines_.size() ? lines_[index].number : (lines_.empty() ? 1 : lines_.back().number);
        throw ParseError(file_, line, message);
    }

    std::size_t skip_blank(std::size_t i) const {
        while (i < lines_.size() && trim(lines_[i].text).empty()) ++i;
        return i;
    }

    std::size_t find_footer(std::size_t from) const {
        for (std::size_t j = from; j < lines_.size(); ++j) {
            const std::string& t = lines_[j].text;
            if (t == "Your answer" || t.rfind("Answers can be marked as 'Accepted'", 0) == 0) return j;
        }
        return lines_.size();
    }

    bool is_answer_start(std::size_t j, int expected, std::string& rest) const {
        std::smatch m;
        if (!matches(lines_[j].text, answer_start(), m)) return false;
        if (parse_count(m[1].str()) != expected) return false;
        rest = trim(m[2].str());
        return rest == "AI answer" || rest == "Accepted answer" || matches(rest, author_line());
    }

    void read_answers(Thread& thread, std::size_t begin, std::size_t end, long declared) {
        std::vector<std::pair<std::size_t, std::string>> starts;
        std::string rest;
        for (std::size_t j = begin; j < end; ++j)
            if (is_answer_start(j, static_cast<int>(starts.size()) + 1, rest)) starts.emplace_back(j, rest);
        if (declared >= 0 && static_cast<long>(starts.size()) != declared)
            fail(end < lines_.size() ? end : lines_.size(), "page declares " + std::to_string(declared) +
                                                                " answers but " + std::to_string(starts.size()) +
                                                                " were found: truncated?");
        for (std::size_t a = 0; a < starts.size(); ++a) {
            const std::size_t stop = a + 1 < starts.size() ? starts[a + 1].first : end;
            thread.answers.push_back(read_answer(starts[a].first, starts[a].second, stop));
        }
    }

    Answer read_answer(std::size_t start, std::string head, std::size_t stop) {
        Answer answer;
        answer.source_line = lines_[start].number;
        std::size_t i = start + 1;
        std::smatch m;
        if (head == "Accepted answer") {
            answer.accepted = true;
            i = skip_blank(i);
            if (i >= stop) fail(start, "accepted answer without an author line");
            head = trim(lines_[i].text);
            ++i;
        }
        if (head == "AI answer") {
            answer.role = AuthorRole::Ai;
            answer.role_label = "AI answer";
        } else if (matches(head, author_line(), m)) {
            answer.author_name = trim(m[1].str());
            answer.reputation = parse_count(m[2].str());
            answer.role_label = trim(m[3].str());
            answer.role = role_from_label(answer.role_label);
        } else {
            fail(i - 1, "expected an answer's author line or \"AI answer\"");
        }
        i = skip_blank(i);
        if (i < stop && matches(lines_[i].text, timestamp_line(), m)) {
            answer.date = m[1].str();
            ++i;
        }
        // Vote counts and the accepted marker are page furniture inside the body's span.
        std::vector<Line> body;
        for (std::size_t j = i; j < stop; ++j) {
            const std::string t = trim(lines_[j].text);
            if (matches(lines_[j].text, helpful_line(), m)) {
                answer.helpful = static_cast<int>(parse_count(m[1].str()));
                continue;
            }
            if (t == "Accepted answer") {
                answer.accepted = true;
                continue;
            }
            body.push_back(lines_[j]);
        }
        answer.body = join_body(body, 0, body.size());
        return answer;
    }

    std::vector<Line> lines_;
    std::string file_;
};

std::vector<Line> split_lines(std::string_view text, const std::string& file) {
    std::vector<Line> lines;
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        ++number;
        std::string_view raw = text.substr(start, nl - start);
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        if (raw.size() > kMaxLineBytes)
            throw ParseError(file, number,
                             "line of " + std::to_string(raw.size()) + " bytes is too long for a thread page");
        lines.push_back({rtrim(std::string(raw)), number});
        if (nl == text.size()) break;
        start = nl + 1;
    }
    return lines;
}

}  // namespace

Thread SeedPageParser::parse(std::string_view text, const std::string& id, const std::string& file) const {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) throw ParseError(file, 1, "empty file");
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n');
        throw ParseError(file, static_cast<int>(line), "binary data (NUL byte): not a text page");
    }
    if (const auto bad = Normaliser::first_invalid_utf8(text); bad != std::string_view::npos) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
        throw ParseError(file, static_cast<int>(line), "not valid UTF-8 text (byte " + std::to_string(bad) + ")");
    }
    // Clean first so no-break spaces and odd dashes cannot hide structure from the patterns.
    static const Normaliser normaliser;
    std::vector<Line> lines = split_lines(text, file);
    for (Line& line : lines) line.text = rtrim(normaliser.clean(line.text));
    return PageReader(std::move(lines), file).read(id);
}

std::uintmax_t SeedPageParser::max_file_bytes() const { return kMaxSeedPageBytes; }

ParseOutcome SeedPageParser::parse_text(std::string_view text, const std::filesystem::path& file) const {
    ParseOutcome outcome;
    outcome.threads.push_back(parse(text, file.stem().string(), file.string()));
    return outcome;
}

}  // namespace kb

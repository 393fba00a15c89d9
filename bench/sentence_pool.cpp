#include "bench/sentence_pool.h"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <unordered_set>

#include "indexer/ingest/thread_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"

namespace kb::bench {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMinWords = 3, kMaxWords = 45, kMaxBytes = 400;
constexpr std::size_t kMinTitleWords = 2, kMaxTitleWords = 16;
constexpr std::size_t kMinQuestionPool = 2000;

struct Source {
    fs::path file;
    Flavour flavour;
};

std::vector<Source> sources_under(const fs::path& shared) {
    struct Folder {
        fs::path dir;
        std::string_view extension;
        Flavour flavour;
    };
    const std::array<Folder, 3> folders{{{shared / "data" / "semeval2016", ".xml", Flavour::General},
                                         {shared / "data" / "scn", ".json", Flavour::Sap},
                                         {shared / "seeds", ".txt", Flavour::General}}};
    std::vector<Source> out;
    for (const Folder& folder : folders) {
        if (!fs::is_directory(folder.dir)) throw Error("kbsearch_generate: no folder " + folder.dir.string());
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(folder.dir))
            if (entry.is_regular_file() && entry.path().extension() == folder.extension) files.push_back(entry.path());
        // Directory order is the file system's; sorted, the pool (and so the output) is stable.
        std::sort(files.begin(), files.end());
        for (auto& f : files) out.push_back({std::move(f), folder.flavour});
    }
    return out;
}

bool contains(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

// "1. ", "2) ", "- ", "* ", "• " at the start of a line.
std::string_view without_list_marker(std::string_view line) {
    line = trim(line);
    if (line.starts_with("\xE2\x80\xA2")) return trim(line.substr(3));
    if (!line.empty() && (line[0] == '-' || line[0] == '*') && line.size() > 1 && line[1] == ' ')
        return trim(line.substr(2));
    std::size_t digits = 0;
    while (digits < line.size() && digits < 3 && is_ascii_digit(line[digits])) ++digits;
    if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
        line[digits + 1] == ' ')
        return trim(line.substr(digits + 2));
    return line;
}

void push_collapsed(std::string_view s, std::vector<std::string>& out) {
    std::string sentence;
    for (char c : s) {
        if (is_ascii_space(c)) {
            if (!sentence.empty() && sentence.back() != ' ') sentence += ' ';
        } else {
            sentence += c;
        }
    }
    while (!sentence.empty() && sentence.back() == ' ') sentence.pop_back();
    if (!sentence.empty()) out.push_back(std::move(sentence));
}

// Lines of text with wrapped lines joined back: a line that does not end a sentence, followed by
// one that starts in lower case, is one line broken by the source's hard wrapping (SCN posts).
std::vector<std::string> unwrapped_lines(const std::string& text) {
    std::vector<std::string> lines;
    bool open = false;  // the last line may continue
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view line = trim(std::string_view(text).substr(start, nl - start));
        if (open && !line.empty() && line[0] >= 'a' && line[0] <= 'z')
            lines.back() += " " + std::string(line);
        else
            lines.emplace_back(line);
        const char last = lines.back().empty() ? '.' : lines.back().back();
        open = last != '.' && last != '!' && last != '?' && last != ':' && last != ';';
        if (nl == text.size()) break;
        start = nl + 1;
    }
    return lines;
}

}  // namespace

std::vector<std::string> split_sentences(const std::string& text) {
    std::vector<std::string> out;
    for (const std::string& whole_line : unwrapped_lines(text)) {
        const std::string_view line = without_list_marker(whole_line);
        std::size_t from = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (c != '.' && c != '!' && c != '?') continue;
            std::size_t j = i + 1;
            while (j < line.size() && (line[j] == '.' || line[j] == '!' || line[j] == '?')) ++j;
            if (j >= line.size() || line[j] != ' ') continue;
            std::size_t k = j;
            while (k < line.size() && line[k] == ' ') ++k;
            if (k < line.size() && (std::isupper(static_cast<unsigned char>(line[k])) || is_ascii_digit(line[k]) ||
                                    line[k] == '"' || line[k] == '(')) {
                push_collapsed(line.substr(from, j - from), out);
                from = k;
                i = k;
            }
        }
        if (from < line.size()) push_collapsed(line.substr(from), out);
    }
    return out;
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') ++j;
        if (j > i) words.push_back(text.substr(i, j - i));
        i = j;
    }
    return words;
}

std::size_t count_words(const std::string& text) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

const char* SentencePool::unusable_reason(const std::string& s, PoolStats* stats) {
    auto drop = [&](std::size_t PoolStats::*counter, const char* why) {
        if (stats) ++(stats->*counter);
        return why;
    };
    // Any bracket, not just a whole "[name]": a half-scrubbed "[Moderator note" is no better.
    if (contains(s, "[") || contains(s, "]")) return drop(&PoolStats::dropped_placeholder, "placeholder");
    if (contains(s, "@")) return drop(&PoolStats::dropped_at, "'@'");
    // A link's path often carries a user name; the scrubber does not look inside URLs.
    const std::string lower = ascii_lower(s);
    if (contains(lower, "http") || contains(lower, "www.") || contains(lower, "://"))
        return drop(&PoolStats::dropped_link, "link");
    if (contains(s, "<") || contains(s, ">") || contains(s, "|") || contains(s, "\t") || contains(s, "{") ||
        contains(s, "}"))
        return drop(&PoolStats::dropped_markup, "markup");
    // Lines the seed-page parser reads as page structure, so a written page parses as intended.
    if (contains(lower, "reputation point") || contains(lower, "found this answer helpful") ||
        lower == "accepted answer" || lower.starts_with("your answer") || lower.starts_with("sort by") ||
        lower.starts_with("share via") || lower.starts_with("ai answer") || lower.starts_with("answers can be marked"))
        return drop(&PoolStats::dropped_page_structure, "page structure");
    return nullptr;
}

bool SentencePool::usable(const std::string& s) {
    const std::size_t words = count_words(s);
    if (words < kMinWords || words > kMaxWords || s.size() > kMaxBytes) {
        ++stats_.dropped_shape;
        return false;
    }
    if (unusable_reason(s, &stats_)) return false;
    if (!guard_.first_name_word(s, /*strict=*/true).empty()) {
        ++stats_.dropped_name;
        return false;
    }
    return true;
}

void SentencePool::add_text(const std::string& text, std::vector<std::string>& into) {
    for (std::string& s : split_sentences(text)) {
        ++stats_.sentences_seen;
        if (usable(s)) into.push_back(std::move(s));
    }
}

SentencePool::SentencePool(const fs::path& shared) {
    // Every file is parsed first: a name from one file must keep its sentences out of every other.
    struct Parsed {
        Thread thread;
        Flavour flavour;
    };
    std::vector<Parsed> raw;
    for (const Source& source : sources_under(shared)) {
        ParseOutcome outcome = make_thread_parser(detect_input_format(source.file))->parse_file(source.file);
        ++stats_.files;
        stats_.parse_errors += outcome.errors.size();
        for (Thread& t : outcome.threads) raw.push_back({std::move(t), source.flavour});
    }
    std::unordered_set<std::string> names;
    for (const Parsed& p : raw) {
        // Names are taken from the raw thread: prepare() clears them.
        if (!p.thread.asker_name.empty()) names.insert(p.thread.asker_name);
        for (const Answer& a : p.thread.answers)
            if (!a.author_name.empty()) names.insert(a.author_name);
    }
    for (const std::string& name : names) guard_.add_name(name);
    stats_.names = names.size();
    stats_.threads = raw.size();

    const ThreadPipeline pipeline;
    for (Parsed& p : raw) {
        const std::size_t f = index(p.flavour);
        const ThreadRecord record = pipeline.prepare(std::move(p.thread));
        const Thread& t = record.thread;
        std::vector<std::string> title;
        push_collapsed(t.title, title);
        ++stats_.titles_seen;
        if (!title.empty()) {
            const std::size_t words = count_words(title[0]);
            if (words >= kMinTitleWords && words <= kMaxTitleWords && title[0].size() <= kMaxBytes &&
                !unusable_reason(title[0], nullptr) && guard_.first_name_word(title[0], true).empty()) {
                titles_[f].push_back(std::move(title[0]));
                ++stats_.titles_kept;
            }
        }
        add_text(t.question, questions_[f]);
        for (const Answer& a : t.answers) add_text(a.body, answers_[f]);
    }
    // One copy of each: SemEval lists threads under several questions, answers quote each other.
    for (auto* pools : {&titles_, &questions_, &answers_}) {
        for (auto& pool : *pools) {
            std::unordered_set<std::string> seen;
            std::vector<std::string> unique;
            for (std::string& s : pool) {
                if (seen.insert(s).second)
                    unique.push_back(std::move(s));
                else if (pools != &titles_)
                    ++stats_.duplicates;
            }
            pool = std::move(unique);
        }
    }
    for (std::size_t f = 0; f < 2; ++f) stats_.kept += questions_[f].size() + answers_[f].size();
    // Few SemEval question sentences survive the name filter (its names include "Qatar", "Doha",
    // "new"); forum replies read much like questions, so a small question pool borrows them.
    for (std::size_t f = 0; f < 2; ++f)
        if (questions_[f].size() < kMinQuestionPool) {
            borrowed_[f] = answers_[f].size();
            questions_[f].insert(questions_[f].end(), answers_[f].begin(), answers_[f].end());
        }
    for (std::size_t f = 0; f < 2; ++f)
        if (titles_[f].empty() || questions_[f].empty() || answers_[f].empty())
            throw Error("kbsearch_generate: no usable " + std::string(f == 0 ? "SemEval/seed" : "SCN") +
                        " titles or sentences left under " + shared.string());
}

void SentencePool::report(std::ostream& out) const {
    const PoolStats& s = stats_;
    out << "pool: " << s.files << " files, " << s.threads << " threads (" << s.parse_errors << " records skipped), "
        << s.names << " display names -> " << guard_.size() << " name words\n"
        << "pool: " << s.sentences_seen << " sentences seen, " << s.kept << " kept (" << s.duplicates
        << " repeats removed); dropped: " << s.dropped_name << " with a name word, " << s.dropped_placeholder
        << " with a placeholder, " << s.dropped_at << " with '@', " << s.dropped_link << " with a link, "
        << s.dropped_markup << " with markup, " << s.dropped_page_structure << " page structure, " << s.dropped_shape
        << " too short/long\n"
        << "pool: titles " << titles_[0].size() << " general + " << titles_[1].size() << " SAP (of " << s.titles_seen
        << "); question sentences " << questions_[0].size() << " + " << questions_[1].size()
        << " (borrowed from answers: " << borrowed_[0] << " + " << borrowed_[1] << "); answer sentences "
        << answers_[0].size() << " + " << answers_[1].size() << "\n";
}

}  // namespace kb::bench

// SentencePool: the real titles and sentences synthetic threads are recombined from, read from
// ../shared (SemEval-2016 XML, SCN JSON dumps, seed pages) with kbsearch's own parsers and
// ThreadPipeline, so text arrives normalised and PII-scrubbed; then every sentence that still
// holds a placeholder ("[name]"), an '@', a link or any word of any source display name is dropped.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "bench/name_guard.h"

namespace kb::bench {

// SAP Community sentences read as SAP questions; SemEval (Qatar Living) and seed pages do not.
enum class Flavour { General = 0, Sap = 1 };

struct PoolStats {
    std::size_t files = 0, threads = 0, parse_errors = 0, names = 0;
    std::size_t sentences_seen = 0, kept = 0, duplicates = 0;
    std::size_t dropped_shape = 0, dropped_placeholder = 0, dropped_at = 0, dropped_link = 0, dropped_markup = 0,
                dropped_page_structure = 0, dropped_name = 0;
    std::size_t titles_seen = 0, titles_kept = 0;
};

class SentencePool {
  public:
    // Reads shared/data/semeval2016/*.xml, shared/data/scn/*.json and shared/seeds/*.txt.
    // Throws kb::Error when a folder is missing or no usable sentence is left.
    explicit SentencePool(const std::filesystem::path& shared);

    const std::vector<std::string>& titles(Flavour f) const { return titles_[index(f)]; }
    const std::vector<std::string>& question_sentences(Flavour f) const { return questions_[index(f)]; }
    const std::vector<std::string>& answer_sentences(Flavour f) const { return answers_[index(f)]; }
    // The question sentences that were asked as such (question_sentences() may borrow replies).
    std::span<const std::string> asked_sentences(Flavour f) const {
        return std::span<const std::string>(questions_[index(f)])
            .first(questions_[index(f)].size() - borrowed_[index(f)]);
    }

    // Every source display name's words: filled before any sentence was judged.
    const NameGuard& guard() const { return guard_; }
    NameGuard& guard() { return guard_; }

    const PoolStats& stats() const { return stats_; }
    void report(std::ostream& out) const;

    // "[...]" placeholders, '@', links, markup and seed-page structure lines: why a sentence may not
    // be used, or nullptr. Names are judged separately (NameGuard).
    static const char* unusable_reason(const std::string& sentence, PoolStats* stats);

  private:
    static std::size_t index(Flavour f) { return static_cast<std::size_t>(f); }
    void add_text(const std::string& text, std::vector<std::string>& into);
    bool usable(const std::string& sentence);

    NameGuard guard_;
    std::array<std::vector<std::string>, 2> titles_, questions_, answers_;
    std::array<std::size_t, 2> borrowed_{};  // answer sentences added to a small question pool
    PoolStats stats_;
};

// Splits text into sentences: at line ends, and after '.', '!' or '?' followed by a space and a
// capital, digit or quote. Leading list markers are dropped and spaces collapsed.
std::vector<std::string> split_sentences(const std::string& text);

// Words separated by single spaces.
std::vector<std::string> split_words(const std::string& text);
std::size_t count_words(const std::string& text);

}  // namespace kb::bench

#include "indexer/ingest/answer_ranker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include <re2/re2.h>
#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/text/stop_words.h"
#include "indexer/text/text_helpers.h"
#include "indexer/text/text_scan.h"

namespace kb {

namespace {

std::vector<std::string> words_of(const std::string& text) { return lowered_words(text); }

bool is_stop_word(const std::string& word) {
    return std::find(std::begin(kEnglishStopWords), std::end(kEnglishStopWords), word) != std::end(kEnglishStopWords);
}

std::set<std::string> content_stems(const std::string& text) {
    // One per thread: a Xapian::Stem is not safe to share between threads.
    thread_local const Xapian::Stem stemmer(schema::kStemmerLanguage);
    std::set<std::string> stems;
    for (const std::string& word : words_of(text))
        if (word.size() > 1 && !is_stop_word(word)) stems.insert(stemmer(word));
    return stems;
}

// The patterns run on RE2: linear in the answer's length, where std::regex backtracks (it was
// 2% of a build's time, and no bound on a long answer).
bool found(const re2::RE2& pattern, const std::string& text) { return re2::RE2::PartialMatch(text, pattern); }

bool has_link(const std::string& text) {
    static const auto re = text_scan::compile_pattern(R"((?i)(https?://|www\.)\S+|\b[\w-]+\.(com|org|net|qa|gov)\b)");
    return found(*re, text);
}

bool has_steps(const std::string& text) {
    // Numbered or bulleted lines, or a menu path ("Settings > Accounts > Sync").
    static const auto list = text_scan::compile_pattern(R"((^|\n)\s*(\d{1,2}[.)]|[-*])\s+\S)");
    static const auto menu = text_scan::compile_pattern(R"(\w\s*>\s*\w[^\n>]*>\s*\w)");
    return found(*list, text) || found(*menu, text);
}

bool has_laughter(const std::string& text) {
    // An emoticon not followed by a letter or digit (":Pa" is not one); RE2 has no look-ahead.
    static const auto re = text_scan::compile_pattern(
        R"((?i)\b(lol|lmao|rofl|hehe+|haha+|(ha){3,}|(he){3,}|hihi)\b|[:;]-?[)DPp]([^\w]|$))");
    return found(*re, text);
}

// An asker's reply that tells how the problem was solved: on support forums askers often post
// (and accept) their own fix.
bool reports_fix(const std::string& text) {
    static const auto re = text_scan::compile_pattern(
        R"((?i)\b(solved|resolved|fixed|solution|the (issue|problem|cause) (was|is)|works now|working now|got it (to )?work|figured (it )?out|managed to)\b)");
    return found(*re, text);
}

bool has_digits(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool is_staff(AuthorRole role) {
    return role == AuthorRole::Staff || role == AuthorRole::Moderator || role == AuthorRole::StaffModerator;
}

}  // namespace

double AnswerRanker::overlap(const std::string& question, const std::string& text) {
    const std::set<std::string> q = content_stems(question);
    if (q.empty()) return 0;
    const std::set<std::string> a = content_stems(text);
    std::size_t shared = 0;
    for (const std::string& stem : a) shared += q.count(stem);
    return static_cast<double>(shared) / std::sqrt(static_cast<double>(q.size()));
}

bool AnswerRanker::is_acknowledgement(const std::string& body) {
    static constexpr std::array<std::string_view, 9> kMarkers{
        "thank", "thanks", "that worked", "it worked", "same problem", "same issue", "me too", "+1", "solved it"};
    const std::string text = ascii_lower(body);
    if (text.size() > 160) return false;
    return std::any_of(kMarkers.begin(), kMarkers.end(),
                       [&](std::string_view m) { return text.find(m) != std::string::npos; });
}

std::vector<double> AnswerRanker::score(const Thread& thread) const {
    const Weights& w = weights_;
    const std::string question = thread.title + "\n" + thread.question;
    std::map<std::string, int> replies_by;
    for (const Answer& a : thread.answers)
        if (!a.author_name.empty()) ++replies_by[a.author_name];

    std::vector<double> scores;
    scores.reserve(thread.answers.size());
    for (std::size_t i = 0; i < thread.answers.size(); ++i) {
        const Answer& a = thread.answers[i];
        if (a.body.find_first_not_of(" \t\r\n") == std::string::npos) {
            scores.push_back(std::numeric_limits<double>::lowest());
            continue;
        }
        const auto words = static_cast<double>(words_of(a.body).size());
        double s = 0;
        if (a.accepted) s += w.accepted;
        s += w.helpful * std::log1p(std::max(0, a.helpful));
        if (is_staff(a.role)) s += w.staff;
        if (a.role == AuthorRole::Ai) s += w.ai;
        if (!a.author_name.empty()) {
            if (a.author_name == thread.asker_name)
                s += w.by_asker + (reports_fix(a.body) ? w.asker_fix : 0);
            else if (replies_by[a.author_name] > 1)
                s += w.chatty_author;
        }
        if (is_acknowledgement(a.body) && words < 25) s += w.acknowledgement;
        if (a.body.find('?') != std::string::npos) s += w.question;
        s += w.length * std::log1p(words);
        s += w.position * static_cast<double>(i);
        s += w.overlap * overlap(question, a.body);
        if (has_link(a.body)) s += w.link;
        if (has_steps(a.body)) s += w.steps;
        if (has_digits(a.body)) s += w.digits;
        if (has_laughter(a.body)) s += w.laughter;
        scores.push_back(s);
    }
    return scores;
}

std::vector<int> AnswerRanker::rank(const Thread& thread) const {
    const std::vector<double> scores = score(thread);
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return scores[static_cast<std::size_t>(a)] > scores[static_cast<std::size_t>(b)];
    });
    return order;
}

}  // namespace kb

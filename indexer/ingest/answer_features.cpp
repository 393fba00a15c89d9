#include "indexer/ingest/answer_features.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <re2/re2.h>
#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/name_finder.h"
#include "indexer/text/stop_words.h"
#include "indexer/text/text_helpers.h"
#include "indexer/text/text_scan.h"

namespace kb {

using enum AnswerFeatures::Column;

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

bool is_stop_word(const std::string& word) {
    return std::find(std::begin(kEnglishStopWords), std::end(kEnglishStopWords), word) != std::end(kEnglishStopWords);
}

// Sorted and unique: overlaps are then one merge, not a tree look-up per stem.
using Stems = std::vector<std::string>;

Stems content_stems(const std::string& text) {
    // One per thread: a Xapian::Stem is not safe to share between threads.
    thread_local const Xapian::Stem stemmer(schema::kStemmerLanguage);
    Stems stems;
    for (const std::string& word : lowered_words(text))
        if (word.size() > 1 && !is_stop_word(word)) stems.push_back(stemmer(word));
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    return stems;
}

std::size_t shared_count(const Stems& a, const Stems& b) {
    std::size_t shared = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        const int order = i->compare(*j);
        if (order == 0) {
            ++shared;
            ++i;
            ++j;
        } else if (order < 0) {
            ++i;
        } else {
            ++j;
        }
    }
    return shared;
}

double shared_over_sqrt(const Stems& q, const Stems& a) {
    if (q.empty()) return 0;
    return static_cast<double>(shared_count(q, a)) / std::sqrt(static_cast<double>(q.size()));
}

double jaccard(const Stems& a, const Stems& b) {
    if (a.empty() || b.empty()) return 0;
    const std::size_t shared = shared_count(a, b);
    return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

// The patterns run on RE2: linear in the answer's length.
bool found(const re2::RE2& pattern, const std::string& text) { return re2::RE2::PartialMatch(text, pattern); }

int count_of(const re2::RE2& pattern, const std::string& text, int cap) {
    re2::StringPiece rest(text);
    int n = 0;
    while (n < cap && re2::RE2::FindAndConsume(&rest, pattern)) ++n;
    return n;
}

bool has_link(const std::string& text) {
    static const auto re = text_scan::compile_pattern(R"((?i)(https?://|www\.)\S+|\b[\w-]+\.(com|org|net|qa|gov)\b)");
    return found(*re, text);
}

bool has_steps(const std::string& text) {
    // Numbered or bulleted lines, or a menu path ("Settings > Accounts > Sync").
    static const auto list = text_scan::compile_pattern(R"((^|\n)\s*(\d{1,2}[.)]|[-*•])\s+\S)");
    static const auto menu = text_scan::compile_pattern(R"(\w\s*(>|→)\s*\w[^\n>]*(>|→)\s*\w)");
    return found(*list, text) || found(*menu, text);
}

bool has_code(const std::string& text) {
    // Back-quoted code, a call with parentheses, a command line, an indented block, a registry
    // or file path: the answer hands over something to run or type.
    static const auto re = text_scan::compile_pattern(
        R"(`[^`\n]+`|\b\w+\([^()\n]{0,40}\)|(^|\n)\s*(\$|>|PS>|C:\\)\s*\S|(^|\n)( {4}|\t)\S|\b(HKEY_\w+|[A-Z]:\\\w+))");
    return found(*re, text);
}

bool has_laughter(const std::string& text) {
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

bool starts_yes_no(const std::string& text) {
    static const auto re = text_scan::compile_pattern(R"((?i)^\W*(yes|yeah|yep|no|nope|sure|of course|definitely)\b)");
    return found(*re, text);
}

bool has_mention(const std::string& text) {
    static const auto re = text_scan::compile_pattern(R"((^|[^\w.])@\w)");
    return found(*re, text);
}

bool has_contact(const std::string& text) {
    static const auto re = text_scan::compile_pattern(
        R"((?i)\[(email|phone)\]|\b[\w.+-]+@[\w-]+\.\w|\b(call|whatsapp|pm|message|text|email|contact) me\b)");
    return found(*re, text);
}

int advice_cues(const std::string& text) {
    static const auto re = text_scan::compile_pattern(
        R"((?i)\b(you (can|could|should|need|must|may|have to|will)|try|go to|check|click|select|open|make sure|contact|apply|install|run|use|recommend|suggest)\b)");
    return count_of(*re, text, 10);
}

bool is_uncertain(const std::string& text) {
    static const auto re = text_scan::compile_pattern(
        R"((?i)\b(not sure|no idea|don'?t know|dunno|i guess|maybe|perhaps|i wonder|anyone know)\b)");
    return found(*re, text);
}

bool mentions_thanks(const std::string& text) {
    static const auto re = text_scan::compile_pattern(R"((?i)\b(thank|thanks|thx|thanx|appreciate)\w*)");
    return found(*re, text);
}

bool is_staff(AuthorRole role) {
    return role == AuthorRole::Staff || role == AuthorRole::Moderator || role == AuthorRole::StaffModerator;
}

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

float upper_share(const std::string& text) {
    std::size_t letters = 0, upper = 0;
    for (char c : text)
        if (is_ascii_alpha(c)) {
            ++letters;
            upper += (c >= 'A' && c <= 'Z');
        }
    return letters < 20 ? 0.0f : static_cast<float>(upper) / static_cast<float>(letters);
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil-days method).
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

float decayed(int distance) { return distance > 0 ? 1.0f / static_cast<float>(distance) : 0.0f; }

}  // namespace

const std::array<std::string_view, AnswerFeatures::kCount>& AnswerFeatures::names() {
    static constexpr std::array<std::string_view, kCount> kNames{"position",
                                                                 "relative_position",
                                                                 "answers_in_thread",
                                                                 "log_words",
                                                                 "relative_length",
                                                                 "helpful",
                                                                 "staff",
                                                                 "ai",
                                                                 "by_asker",
                                                                 "asker_fix",
                                                                 "author_replies",
                                                                 "author_reply_index",
                                                                 "acknowledgement",
                                                                 "question_marks",
                                                                 "question_overlap",
                                                                 "title_overlap",
                                                                 "containment",
                                                                 "link",
                                                                 "steps",
                                                                 "digits",
                                                                 "laughter",
                                                                 "hours_after_question",
                                                                 "hours_after_previous",
                                                                 "asker_thanks_after",
                                                                 "asker_question_after",
                                                                 "asker_replies_after",
                                                                 "asker_question_before",
                                                                 "dialogue",
                                                                 "agreement_mean",
                                                                 "agreement_max",
                                                                 "starts_yes_no",
                                                                 "mention",
                                                                 "contact",
                                                                 "advice",
                                                                 "uncertain",
                                                                 "thanks",
                                                                 "exclamations",
                                                                 "upper_share",
                                                                 "code",
                                                                 "lexicon_mean",
                                                                 "lexicon_sum",
                                                                 "overlap_below_best",
                                                                 "lexicon_below_best",
                                                                 "lexicon_rank"};
    return kNames;
}

AnswerLexicon AnswerLexicon::learn(const std::vector<std::pair<const Thread*, const std::vector<float>*>>& threads,
                                   int min_answers) {
    std::unordered_map<std::string, std::pair<int, int>> seen;  // word -> (good, other) answers holding it
    int good = 0, other = 0;
    for (const auto& [thread, labels] : threads)
        for (std::size_t i = 0; i < thread->answers.size() && i < labels->size(); ++i) {
            const bool is_good = (*labels)[i] >= 2;
            (is_good ? good : other) += 1;
            const std::vector<std::string> words = lowered_words(thread->answers[i].body);
            for (const std::string& w : std::set<std::string>(words.begin(), words.end()))
                (is_good ? seen[w].first : seen[w].second) += 1;
        }
    AnswerLexicon lexicon;
    if (good == 0 || other == 0) return lexicon;
    const double prior = std::log((good + 1.0) / (other + 1.0));
    for (const auto& [word, counts] : seen)
        // Only dictionary words: the lexicon ships inside the model file, and the forum's own
        // words include its people's names, ids and numbers.
        // Figures of up to four digits (prices, counts, versions) are kept: never personal on their own.
        if (counts.first + counts.second >= min_answers &&
            ((NameFinder::is_common_word(word) &&
              std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) ||
             (word.size() <= 4 && all_digits(word))))
            lexicon.scores_[word] = static_cast<float>(std::log((counts.first + 1.0) / (counts.second + 1.0)) - prior);
    return lexicon;
}

std::string AnswerLexicon::serialise() const {
    std::vector<std::pair<std::string, float>> sorted(scores_.begin(), scores_.end());
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    char number[32];
    for (const auto& [word, score] : sorted) {
        std::snprintf(number, sizeof number, " %.4f\n", static_cast<double>(score));
        out += word + number;
    }
    return out;
}

AnswerLexicon AnswerLexicon::parse(std::string_view text) {
    AnswerLexicon lexicon;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        if (line.empty()) continue;
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos || space == 0)
            throw Error("answer lexicon: bad line '" + std::string(line) + "'");
        lexicon.scores_[std::string(line.substr(0, space))] = std::stof(std::string(line.substr(space + 1)));
    }
    return lexicon;
}

std::pair<float, float> AnswerLexicon::read(const std::string& text) const {
    double sum = 0;
    int known = 0;
    for (const std::string& w : lowered_words(text))
        if (const auto it = scores_.find(w); it != scores_.end()) {
            sum += it->second;
            ++known;
        }
    if (known == 0) return {0.0f, 0.0f};
    return {static_cast<float>(sum / known), static_cast<float>(sum / std::sqrt(static_cast<double>(known)))};
}

std::string_view AnswerFeatures::reason(std::size_t index) {
    switch (index) {
        case kPosition:
        case kRelativePosition:
        case kHoursAfterQuestion:
        case kHoursAfterPrevious:
            return "when it came";
        case kAnswersInThread:
            return "the thread's size";
        case kLogWords:
        case kRelativeLength:
            return "length";
        case kHelpful:
            return "helpful votes";
        case kStaff:
            return "staff or moderator";
        case kAi:
            return "AI answer";
        case kByAsker:
        case kAskerFix:
            return "the asker's own reply";
        case kAuthorReplies:
        case kAuthorReplyIndex:
        case kDialogue:
        case kMention:
            return "the dialogue around it";
        case kAcknowledgement:
        case kThanks:
            return "thanks rather than an answer";
        case kQuestionMarks:
        case kUncertain:
            return "asks rather than answers";
        case kQuestionOverlap:
        case kOverlapBelowBest:
        case kTitleOverlap:
        case kContainment:
            return "overlap with the question";
        case kLink:
            return "a link";
        case kSteps:
            return "steps";
        case kCode:
            return "code";
        case kDigits:
            return "figures";
        case kLaughter:
        case kExclamations:
        case kUpperShare:
            return "tone";
        case kAskerThanksAfter:
        case kAskerQuestionAfter:
        case kAskerRepliesAfter:
        case kAskerQuestionBefore:
            return "the asker's reply to it";
        case kAgreementMean:
        case kAgreementMax:
            return "agreement with the other answers";
        case kStartsYesNo:
            return "a direct yes or no";
        case kContact:
            return "contact details";
        case kAdvice:
            return "advice to act on";
        case kLexiconMean:
        case kLexiconSum:
        case kLexiconBelowBest:
        case kLexiconRank:
            return "worded like good answers";
        default:
            return "page signals";
    }
}

double AnswerFeatures::overlap(const std::string& question, const std::string& text) {
    return shared_over_sqrt(content_stems(question), content_stems(text));
}

bool AnswerFeatures::is_acknowledgement(const std::string& body) {
    static constexpr std::array<std::string_view, 9> kMarkers{
        "thank", "thanks", "that worked", "it worked", "same problem", "same issue", "me too", "+1", "solved it"};
    const std::string text = ascii_lower(body);
    if (text.size() > 160) return false;
    return std::any_of(kMarkers.begin(), kMarkers.end(),
                       [&](std::string_view m) { return text.find(m) != std::string::npos; });
}

double AnswerFeatures::hours_of(std::string_view date) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    const std::string text(date.substr(0, 19));
    const int read = std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[ T]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
    if (read < 3 || mo < 1 || mo > 12 || d < 1 || d > 31) return std::numeric_limits<double>::quiet_NaN();
    if (read < 5) h = mi = 0;
    if (read < 6) s = 0;
    return static_cast<double>(days_from_civil(y, mo, d)) * 24 + h + mi / 60.0 + s / 3600.0;
}

std::vector<AnswerFeatures::Row> AnswerFeatures::of(const Thread& thread, const AnswerLexicon* lexicon) {
    const std::size_t n = thread.answers.size();
    std::vector<Row> rows(n);
    if (n == 0) return rows;

    const Stems question = content_stems(thread.title + "\n" + thread.question);
    const Stems title = content_stems(thread.title);
    std::vector<Stems> stems(n);
    std::vector<double> words(n);
    std::map<std::string, int> replies_by;
    double longest = 1;
    for (std::size_t i = 0; i < n; ++i) {
        const Answer& a = thread.answers[i];
        stems[i] = content_stems(a.body);
        words[i] = static_cast<double>(lowered_words(a.body).size());
        longest = std::max(longest, words[i]);
        if (!a.author_name.empty()) ++replies_by[a.author_name];
    }
    const auto by_asker = [&](std::size_t i) {
        return !thread.asker_name.empty() && thread.answers[i].author_name == thread.asker_name;
    };
    const double asked_at = hours_of(thread.date);

    std::map<std::string, int> seen_from;
    for (std::size_t i = 0; i < n; ++i) {
        const Answer& a = thread.answers[i];
        Row& r = rows[i];
        r.fill(0);
        const auto at = static_cast<float>(i);
        r[kPosition] = at;
        r[kRelativePosition] = n > 1 ? at / static_cast<float>(n - 1) : 0;
        r[kAnswersInThread] = static_cast<float>(n);
        r[kLogWords] = static_cast<float>(std::log1p(words[i]));
        r[kRelativeLength] = static_cast<float>(words[i] / longest);
        r[kHelpful] = static_cast<float>(std::log1p(std::max(0, a.helpful)));
        r[kStaff] = is_staff(a.role);
        r[kAi] = a.role == AuthorRole::Ai;
        const bool named = !a.author_name.empty();
        r[kByAsker] = thread.asker_name.empty() || !named ? kMissing : static_cast<float>(by_asker(i));
        r[kAskerFix] = by_asker(i) && reports_fix(a.body);
        r[kAuthorReplies] = named ? static_cast<float>(replies_by[a.author_name]) : kMissing;
        r[kAuthorReplyIndex] = named ? static_cast<float>(++seen_from[a.author_name]) : kMissing;
        r[kAcknowledgement] = is_acknowledgement(a.body) && words[i] < 25;
        r[kQuestionMarks] =
            static_cast<float>(std::min<std::ptrdiff_t>(5, std::count(a.body.begin(), a.body.end(), '?')));
        r[kQuestionOverlap] = static_cast<float>(shared_over_sqrt(question, stems[i]));
        r[kTitleOverlap] = static_cast<float>(shared_over_sqrt(title, stems[i]));
        r[kContainment] = stems[i].empty() ? 0.0f
                                           : static_cast<float>(shared_over_sqrt(stems[i], question) /
                                                                std::sqrt(static_cast<double>(stems[i].size())));
        r[kLink] = has_link(a.body);
        r[kSteps] = has_steps(a.body);
        r[kDigits] = std::any_of(a.body.begin(), a.body.end(), [](char c) { return is_ascii_digit(c); });
        r[kLaughter] = has_laughter(a.body);

        const double when = hours_of(a.date);
        r[kHoursAfterQuestion] = std::isnan(when) || std::isnan(asked_at)
                                     ? kMissing
                                     : static_cast<float>(std::log1p(std::max(0.0, when - asked_at)));
        const double before = i == 0 ? asked_at : hours_of(thread.answers[i - 1].date);
        r[kHoursAfterPrevious] = std::isnan(when) || std::isnan(before)
                                     ? kMissing
                                     : static_cast<float>(std::log1p(std::max(0.0, when - before)));

        // What the asker did around this answer: thanks or a new question right after it says
        // whether it helped; a question just before it is what it may be answering.
        if (thread.asker_name.empty()) {
            r[kAskerThanksAfter] = r[kAskerQuestionAfter] = r[kAskerRepliesAfter] = r[kAskerQuestionBefore] = kMissing;
        } else if (!by_asker(i)) {
            for (std::size_t j = i + 1; j < n; ++j)
                if (by_asker(j)) {
                    const int d = static_cast<int>(j - i);
                    const std::string& reply = thread.answers[j].body;
                    r[kAskerRepliesAfter] = decayed(d);
                    r[kAskerThanksAfter] = mentions_thanks(reply) ? decayed(d) : 0.0f;
                    r[kAskerQuestionAfter] = reply.find('?') != std::string::npos ? decayed(d) : 0.0f;
                    break;
                }
            for (std::size_t j = i; j-- > 0;)
                if (by_asker(j)) {
                    const std::string& ask = thread.answers[j].body;
                    r[kAskerQuestionBefore] =
                        ask.find('?') != std::string::npos ? decayed(static_cast<int>(i - j)) : 0.0f;
                    break;
                }
        }
        // A reply in a back-and-forth (u -> v -> u) is usually conversation, not the answer.
        r[kDialogue] = named && i >= 2 && thread.answers[i - 2].author_name == a.author_name &&
                       thread.answers[i - 1].author_name != a.author_name;

        double agreement_sum = 0, agreement_max = 0;
        int others = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i || by_asker(j) || is_blank(thread.answers[j].body)) continue;
            const double jac = jaccard(stems[i], stems[j]);
            agreement_sum += jac;
            agreement_max = std::max(agreement_max, jac);
            ++others;
        }
        r[kAgreementMean] = others ? static_cast<float>(agreement_sum / others) : 0.0f;
        r[kAgreementMax] = static_cast<float>(agreement_max);
        r[kStartsYesNo] = starts_yes_no(a.body);
        r[kMention] = has_mention(a.body);
        r[kContact] = has_contact(a.body);
        r[kAdvice] = static_cast<float>(advice_cues(a.body));
        r[kUncertain] = is_uncertain(a.body);
        r[kThanks] = mentions_thanks(a.body);
        r[kExclamations] =
            static_cast<float>(std::min<std::ptrdiff_t>(5, std::count(a.body.begin(), a.body.end(), '!')));
        r[kUpperShare] = upper_share(a.body);
        r[kCode] = has_code(a.body);
    }
    float best_overlap = 0;
    for (const Row& r : rows) best_overlap = std::max(best_overlap, r[kQuestionOverlap]);
    // The same reading against the thread's other answers: a ranker compares within a thread,
    // and trees split on absolute values.
    for (Row& r : rows) r[kOverlapBelowBest] = best_overlap - r[kQuestionOverlap];
    apply_lexicon(rows, thread, lexicon);
    return rows;
}

void AnswerFeatures::apply_lexicon(std::vector<Row>& rows, const Thread& thread, const AnswerLexicon* lexicon) {
    const std::size_t n = rows.size();
    float best_lexicon = std::numeric_limits<float>::lowest();
    for (std::size_t i = 0; i < n && i < thread.answers.size(); ++i) {
        Row& r = rows[i];
        if (lexicon)
            std::tie(r[kLexiconMean], r[kLexiconSum]) = lexicon->read(thread.answers[i].body);
        else
            r[kLexiconMean] = r[kLexiconSum] = 0;
        best_lexicon = std::max(best_lexicon, r[kLexiconSum]);
    }
    for (Row& r : rows) {
        r[kLexiconBelowBest] = lexicon ? best_lexicon - r[kLexiconSum] : kMissing;
        std::size_t above = 0;
        for (const Row& other : rows) above += other[kLexiconSum] > r[kLexiconSum];
        r[kLexiconRank] = lexicon && n > 1 ? static_cast<float>(above) / static_cast<float>(n - 1) : kMissing;
    }
}

}  // namespace kb

#include "bench/thread_synthesiser.h"

#include <array>
#include <cstdio>

namespace kb::bench {

namespace {

constexpr std::size_t kRecentWindow = 2048;
constexpr unsigned kNearDuplicatePerMille = 50;
constexpr unsigned kCodePerMille = 250;
constexpr unsigned kCodeInTitlePerMille = 300;
// 30% of all threads have an accepted answer; 90% have any answer, so 1/3 of those do.
constexpr unsigned kAcceptedPerMille = 334;
constexpr std::size_t kMinTitleWords = 4, kMaxTitleWords = 12;

constexpr std::int64_t kDay = 86'400;
// 2015-01-01 to 2026-12-31: twelve years, three of them leap years.
constexpr std::int64_t kDays = 12 * 365 + 3;

// Answers per thread: 0 to 5.
constexpr std::array<unsigned, 6> kAnswerCounts{100, 250, 250, 180, 130, 90};
// Question sentences: 1 to 6.
constexpr std::array<unsigned, 6> kQuestionSentences{150, 250, 250, 150, 120, 80};
// Roles in kb::AuthorRole order: user, staff, moderator, staff_moderator, ai.
constexpr std::array<AuthorRole, 5> kRoles{AuthorRole::User, AuthorRole::Staff, AuthorRole::Moderator,
                                           AuthorRole::StaffModerator, AuthorRole::Ai};
constexpr std::array<unsigned, 5> kRoleWeights{450, 90, 100, 210, 150};
// Helpful votes, skewed: mostly 0, a long thin tail. Buckets [lo, hi] with weights.
struct Bucket {
    long lo, hi;
};
constexpr std::array<Bucket, 9> kHelpfulBuckets{
    {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 5}, {6, 10}, {11, 30}, {31, 100}, {101, 400}}};
constexpr std::array<unsigned, 9> kHelpfulWeights{620, 150, 80, 45, 40, 35, 20, 8, 2};
constexpr std::array<Bucket, 4> kAskerReputation{{{1, 1}, {2, 50}, {51, 500}, {501, 5000}}};
constexpr std::array<unsigned, 4> kAskerReputationWeights{300, 350, 250, 100};
constexpr std::array<Bucket, 3> kUserReputation{{{1, 50}, {51, 1000}, {1001, 20000}}};
constexpr std::array<Bucket, 3> kStaffReputation{{{100, 1000}, {1001, 20000}, {20001, 150000}}};
constexpr std::array<unsigned, 3> kReputationWeights{300, 400, 300};
constexpr std::array<unsigned, 5> kCommentWeights{600, 200, 100, 60, 40};  // 0, 1, 2, 3, 4-8

template <std::size_t N>
long draw_bucket(const std::array<Bucket, N>& buckets, const std::array<unsigned, N>& weights, Prng& prng) {
    const Bucket& b = buckets[prng.weighted(weights)];
    return prng.between(b.lo, b.hi);
}

std::string_view role_label(AuthorRole role) {
    switch (role) {
        case AuthorRole::User:
            return "";
        case AuthorRole::Staff:
            return "Microsoft Employee";
        case AuthorRole::Moderator:
            return "Volunteer Moderator";
        case AuthorRole::StaffModerator:
            return "Microsoft External Staff Moderator";
        case AuthorRole::Ai:
            return "AI answer";
    }
    return "";
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

std::string iso_datetime(std::int64_t seconds) {
    std::int64_t days = seconds / kDay;
    std::int64_t rest = seconds % kDay;
    int year = 2015;
    while (days >= (is_leap(year) ? 366 : 365)) days -= is_leap(year++) ? 366 : 365;
    static constexpr std::array<int, 12> kMonthDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    for (;; ++month) {
        const int length = kMonthDays[static_cast<std::size_t>(month)] + (month == 1 && is_leap(year) ? 1 : 0);
        if (days < length) break;
        days -= length;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month + 1, static_cast<int>(days) + 1,
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    return buf;
}

std::string thread_id(std::uint64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "gen-%09llu", static_cast<unsigned long long>(n));
    return buf;
}

ThreadSynthesiser::ThreadSynthesiser(const SentencePool& pool, const ErrorCodePool& codes, const SyntheticNames& names,
                                     std::uint64_t seed)
    : pool_(pool), codes_(codes), names_(names), prng_(seed) {}

std::span<const Product> ThreadSynthesiser::products_of(Flavour flavour) {
    return flavour == Flavour::Sap ? sap_products() : general_products();
}

Product ThreadSynthesiser::draw_product(Flavour flavour) {
    static const WeightedTable general = WeightedTable::zipf(general_products().size());
    static const WeightedTable sap = WeightedTable::zipf(sap_products().size());
    return products_of(flavour)[(flavour == Flavour::Sap ? sap : general).draw(prng_)];
}

const std::string& ThreadSynthesiser::draw_sentence(const SentencePool& pool, Flavour flavour, bool answer,
                                                    Prng& prng) {
    if (prng.chance(50)) flavour = flavour == Flavour::Sap ? Flavour::General : Flavour::Sap;
    return prng.pick(answer ? pool.answer_sentences(flavour) : pool.question_sentences(flavour));
}

std::vector<std::string> ThreadSynthesiser::compose_title(const SentencePool& pool, Flavour flavour, Prng& prng) {
    const auto& titles = pool.titles(flavour);
    std::vector<std::string> words = split_words(prng.pick(titles));
    if (prng.chance(350)) {
        // The first half of one title, the second half of another.
        const std::vector<std::string> other = split_words(prng.pick(titles));
        words.resize((words.size() + 1) / 2);
        words.insert(words.end(), other.begin() + static_cast<long>(other.size() / 2), other.end());
    }
    while (words.size() < kMinTitleWords) {
        const std::vector<std::string> more = split_words(prng.pick(titles));
        for (std::size_t i = 0; i < more.size() && words.size() < kMinTitleWords + 2; ++i) words.push_back(more[i]);
    }
    if (words.size() > kMaxTitleWords) words.resize(kMaxTitleWords);
    return words;
}

std::string ThreadSynthesiser::paragraphs(const std::vector<std::string>& sentences, Prng& prng) {
    std::string out;
    std::size_t in_paragraph = 0, paragraph_size = static_cast<std::size_t>(prng.between(1, 3));
    for (const std::string& s : sentences) {
        if (!out.empty()) out += in_paragraph == 0 ? "\n\n" : " ";
        out += s;
        if (++in_paragraph == paragraph_size) {
            in_paragraph = 0;
            paragraph_size = static_cast<std::size_t>(prng.between(1, 3));
        }
    }
    return out;
}

std::string ThreadSynthesiser::title_text(const std::vector<std::string>& words, long code) {
    const bool code_in_title = code >= 0 && prng_.chance(kCodeInTitlePerMille);
    const std::string suffix = code_in_title ? codes_.title_suffix(static_cast<std::size_t>(code), prng_) : "";
    const std::size_t keep = std::min(words.size(), kMaxTitleWords - count_words(suffix));
    std::string title;
    for (std::size_t i = 0; i < keep; ++i) title += (i ? " " : "") + words[i];
    return title + suffix;
}

std::string ThreadSynthesiser::question_text(const std::vector<const std::string*>& sentences, long code) {
    std::vector<std::string> parts;
    for (const std::string* s : sentences) parts.push_back(*s);
    std::string text = paragraphs(parts, prng_);
    if (code < 0) return text;
    // The code as a paragraph of its own, before or after the story, as pages show it.
    const std::string line = codes_.sentence(static_cast<std::size_t>(code), prng_);
    return prng_.chance(500) ? line + "\n\n" + text : text + "\n\n" + line;
}

SyntheticAnswer ThreadSynthesiser::answer(Flavour flavour, AuthorRole role, const std::string& asker,
                                          std::int64_t asked) {
    SyntheticAnswer a;
    a.role = role;
    a.role_label = std::string(role_label(role));
    const bool ai = role == AuthorRole::Ai;
    const bool staff = role == AuthorRole::Staff || role == AuthorRole::StaffModerator;
    if (!ai) {
        a.author = names_.pick(prng_);
        a.reputation = role == AuthorRole::User ? draw_bucket(kUserReputation, kReputationWeights, prng_)
                                                : draw_bucket(kStaffReputation, kReputationWeights, prng_);
    }
    a.helpful = static_cast<int>(draw_bucket(kHelpfulBuckets, kHelpfulWeights, prng_));
    const int sentences = ai ? prng_.between(3, 6) : staff ? prng_.between(2, 6) : prng_.between(1, 4);
    std::vector<std::string> parts;
    for (int i = 0; i < sentences; ++i) parts.push_back(draw_sentence(pool_, flavour, true, prng_));
    a.body = paragraphs(parts, prng_);
    // Replies often greet the asker by name; the indexer's scrubber must take it out.
    if (!ai && prng_.chance(120)) a.body = "Hi " + SyntheticNames::first_word(asker) + ",\n\n" + a.body;
    // Most answers come within a day, some weeks later.
    const std::int64_t delay = prng_.chance(600) ? prng_.between(600L, kDay) : prng_.between(kDay, 30 * kDay);
    a.date = iso_datetime(std::min(asked + delay, kDays * kDay - 1));
    return a;
}

void ThreadSynthesiser::add_answers(SyntheticThread& thread, Flavour flavour, std::int64_t asked) {
    const std::size_t count = prng_.weighted(kAnswerCounts);
    for (std::size_t i = 0; i < count; ++i)
        thread.answers.push_back(answer(flavour, kRoles[prng_.weighted(kRoleWeights)], thread.asker, asked));
    if (count == 0 || !prng_.chance(kAcceptedPerMille)) return;
    // Askers accept people's answers; an AI answer is accepted only when it is the only kind.
    std::vector<std::size_t> human;
    for (std::size_t i = 0; i < count; ++i)
        if (thread.answers[i].role != AuthorRole::Ai) human.push_back(i);
    if (human.empty()) return;
    thread.answers[prng_.pick(human)].accepted = true;
}

SyntheticThread ThreadSynthesiser::fresh(const std::string& id, Skeleton& sk) {
    sk.flavour = draw_flavour(prng_);
    sk.product = draw_product(sk.flavour);
    sk.title_words = compose_title(pool_, sk.flavour, prng_);
    const std::size_t sentences = prng_.weighted(kQuestionSentences) + 1;
    for (std::size_t i = 0; i < sentences; ++i) sk.question.push_back(&draw_sentence(pool_, sk.flavour, false, prng_));
    sk.code = prng_.chance(kCodePerMille) ? static_cast<long>(codes_.draw(prng_)) : -1;
    sk.time = prng_.between(0L, kDays * kDay - 1);

    SyntheticThread t;
    t.id = id;
    t.product = sk.product;
    t.title = title_text(sk.title_words, sk.code);
    t.question = question_text(sk.question, sk.code);
    return t;
}

SyntheticThread ThreadSynthesiser::near_duplicate(const std::string& id, const Skeleton& original, Skeleton& sk) {
    sk = original;
    sk.id = id;
    // Same question asked again: title words swapped about and partly replaced, most of the
    // sentences kept, the same code, later.
    std::vector<std::string>& words = sk.title_words;
    for (int swaps = prng_.between(1, 2); swaps > 0 && words.size() > 1; --swaps) {
        // Two statements: the order of draws inside one call's arguments is up to the compiler.
        const std::size_t a = prng_.index(words.size());
        const std::size_t b = prng_.index(words.size());
        std::swap(words[a], words[b]);
    }
    const std::vector<std::string> other = split_words(prng_.pick(pool_.titles(sk.flavour)));
    std::size_t next_other = prng_.index(other.size());  // replacements in the other title's order
    for (std::string& w : words)
        if (prng_.chance(250)) w = other[next_other++ % other.size()];
    std::vector<const std::string*> kept;
    for (const std::string* s : sk.question)
        if (prng_.chance(800)) kept.push_back(s);
    if (kept.empty()) kept.push_back(sk.question[prng_.index(sk.question.size())]);
    if (prng_.chance(400)) kept.push_back(&draw_sentence(pool_, sk.flavour, false, prng_));
    sk.question = std::move(kept);
    sk.time = std::min(original.time + prng_.between(kDay / 4, 400 * kDay), kDays * kDay - 1);

    SyntheticThread t;
    t.id = id;
    t.product = sk.product;
    t.title = title_text(sk.title_words, sk.code);
    t.question = question_text(sk.question, sk.code);
    t.duplicate_of = original.id;
    return t;
}

SyntheticThread ThreadSynthesiser::next() {
    const std::string id = thread_id(count_++);
    Skeleton sk;
    sk.id = id;
    SyntheticThread t = !recent_.empty() && prng_.chance(kNearDuplicatePerMille)
                            ? near_duplicate(id, recent_[prng_.index(recent_.size())], sk)
                            : fresh(id, sk);
    t.date = iso_datetime(sk.time);
    t.asker = names_.pick(prng_);
    t.asker_reputation = draw_bucket(kAskerReputation, kAskerReputationWeights, prng_);
    const std::size_t comments = prng_.weighted(kCommentWeights);
    t.comments = comments < 4 ? static_cast<int>(comments) : prng_.between(4, 8);
    t.code = sk.code >= 0 ? codes_.at(static_cast<std::size_t>(sk.code)).canonical : "";
    add_answers(t, sk.flavour, sk.time);
    recent_.push_back(std::move(sk));
    if (recent_.size() > kRecentWindow) recent_.pop_front();
    return t;
}

}  // namespace kb::bench

// ThreadSynthesiser: one synthetic support thread after another, recombined from the sentence
// pool with a fixed-seed Prng: titles of 4-12 words, 1-6 question sentences, 0-5 answers in
// realistic roles and votes, a product breadcrumb, an error code in about a quarter of threads,
// dates over 2015-2026, and about 5% near-duplicates of a recent earlier thread. Memory is bounded
// by the pool and a fixed window of recent threads, never by how many threads are made.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "bench/error_code_pool.h"
#include "bench/product_catalogue.h"
#include "bench/sentence_pool.h"
#include "bench/synthetic_names.h"
#include "indexer/schema/thread.h"

namespace kb::bench {

struct SyntheticAnswer {
    std::string body;
    AuthorRole role = AuthorRole::User;
    std::string role_label;  // as a page shows it ("Microsoft External Staff Moderator"); empty for users
    std::string author;      // a synthetic name; empty for AI answers
    long reputation = 0;
    int helpful = 0;
    bool accepted = false;
    std::string date;
};

struct SyntheticThread {
    std::string id;  // "gen-000000042"
    std::string title;
    std::string question;
    Product product;
    std::string date;   // ISO 8601, UTC
    std::string asker;  // a synthetic name
    long asker_reputation = 0;
    int comments = 0;
    std::vector<SyntheticAnswer> answers;
    std::string code;          // the canonical code the thread mentions, or empty
    std::string duplicate_of;  // the id this thread near-duplicates, or empty
};

class ThreadSynthesiser {
  public:
    ThreadSynthesiser(const SentencePool& pool, const ErrorCodePool& codes, const SyntheticNames& names,
                      std::uint64_t seed);

    // The next thread; ids count up from gen-000000000.
    SyntheticThread next();

    // A title of 4-12 words from real titles: one as it is, or two spliced at a word boundary,
    // padded from another title when short. Shared with the drafts.
    static std::vector<std::string> compose_title(const SentencePool& pool, Flavour flavour, Prng& prng);
    // Sentences joined into paragraphs of 1-3 sentences, paragraphs separated by a blank line.
    static std::string paragraphs(const std::vector<std::string>& sentences, Prng& prng);
    // A draw of flavour: about 45% of threads read as SAP Community threads (the larger pool).
    static Flavour draw_flavour(Prng& prng) { return prng.chance(450) ? Flavour::Sap : Flavour::General; }
    // The pool sentences of `flavour`, now and then (5%) of the other one.
    static const std::string& draw_sentence(const SentencePool& pool, Flavour flavour, bool answer, Prng& prng);
    // The product list of a flavour, and its popularity (Zipf over list order).
    static std::span<const Product> products_of(Flavour flavour);

  private:
    // What a near-duplicate is made from: a recent thread's title, question and code.
    struct Skeleton {
        std::string id;
        Flavour flavour;
        Product product;
        std::vector<std::string> title_words;
        std::vector<const std::string*> question;
        long code = -1;
        std::int64_t time = 0;
    };

    SyntheticThread fresh(const std::string& id, Skeleton& skeleton);
    SyntheticThread near_duplicate(const std::string& id, const Skeleton& original, Skeleton& skeleton);
    std::string question_text(const std::vector<const std::string*>& sentences, long code);
    std::string title_text(const std::vector<std::string>& words, long code);
    void add_answers(SyntheticThread& thread, Flavour flavour, std::int64_t asked);
    SyntheticAnswer answer(Flavour flavour, AuthorRole role, const std::string& asker, std::int64_t asked);
    Product draw_product(Flavour flavour);

    const SentencePool& pool_;
    const ErrorCodePool& codes_;
    const SyntheticNames& names_;
    Prng prng_;
    std::uint64_t count_ = 0;
    std::deque<Skeleton> recent_;  // the last kRecentWindow threads, near-duplicate candidates
};

// "2019-03-04T10:22:13Z" for a number of seconds since 2015-01-01T00:00:00Z.
std::string iso_datetime(std::int64_t seconds_since_2015);
// The thread id of a number: "gen-000000042".
std::string thread_id(std::uint64_t n);

}  // namespace kb::bench

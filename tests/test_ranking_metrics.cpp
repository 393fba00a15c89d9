// The evaluation's measuring parts: MAP/MRR/P@1 as the SemEval-2016 scorer computes them, the
// gold file reader, the FTS5 baseline, the similarity ranker and the report's JSON.
#include <set>

#include <catch2/catch.hpp>

#include "indexer/schema/passage_writer.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "server/eval/eval_report.h"
#include "server/eval/fts5_ranker.h"
#include "server/eval/ranking_metrics.h"
#include "server/eval/relevancy_file.h"
#include "server/search/similarity_ranker.h"
#include "tests/support/temporary_directory.h"

using kb::GoldCandidate;
using kb::GoldQuery;
using kb::RankingMetrics;
using kb::test::TemporaryDirectory;

namespace {

// One query per labels string; candidate i has engine score 1/(i+1), so file order is engine order.
kb::RelevancyFile gold_file(const TemporaryDirectory& dir, const std::vector<std::string>& queries) {
    std::string text;
    for (std::size_t q = 0; q < queries.size(); ++q)
        for (std::size_t i = 0; i < queries[q].size(); ++i)
            text += "Q" + std::to_string(q) + "\tQ" + std::to_string(q) + "_C" + std::to_string(i + 1) + "\t" +
                    std::to_string(i + 1) + "\t" + std::to_string(1.0 / static_cast<double>(i + 1)) + "\t" +
                    (queries[q][i] == '1' ? "true" : "false") + "\n";
    return kb::RelevancyFile(dir.write("gold.relevancy", text));
}

}  // namespace

TEST_CASE("relevancy file: fields, file order, bad lines", "[unit]") {
    const TemporaryDirectory dir;
    const kb::RelevancyFile gold(
        dir.write("g", "Q1\tQ1_R4\t4\t0.25\ttrue\nQ1\tQ1_R5\t5\t0.2\tfalse\n\nQ2\tQ2_R1\t1\t1\tfalse\r\n"));
    REQUIRE(gold.queries().size() == 2);
    CHECK(gold.candidate_count() == 3);
    const GoldQuery& q1 = gold.queries()[0];
    CHECK(q1.id == "Q1");
    REQUIRE(q1.candidates.size() == 2);
    CHECK(q1.candidates[0].id == "Q1_R4");
    CHECK(q1.candidates[0].engine_rank == 4);
    CHECK(q1.candidates[0].engine_score == Approx(0.25));
    CHECK(q1.candidates[0].relevant);
    CHECK_FALSE(q1.candidates[1].relevant);

    const auto bad = GENERATE(as<std::string>{}, "Q1\tQ1_R4\t4\t0.25\n", "Q1\tQ1_R4\tfour\t0.25\ttrue\n",
                              "Q1\tQ1_R4\t4\tx\ttrue\n", "Q1\tQ1_R4\t4\t0.25\tyes\n");
    CAPTURE(bad);
    try {
        kb::RelevancyFile file(dir.write("bad", "Q0\tQ0_R1\t1\t1\tfalse\n" + bad));
        FAIL("no error");
    } catch (const kb::ParseError& e) {
        CHECK(e.line() == 2);
    }
}

TEST_CASE("ranking metrics follow the official scorer", "[unit]") {
    const TemporaryDirectory dir;
    SECTION("average precision over the relevant items found in the top 10") {
        // Relevant at ranks 1 and 3: AP = (1/1 + 2/3) / 2; the one at rank 11 is past the cut.
        const auto gold = gold_file(dir, {"10100000001"});
        const kb::RankingScores s = RankingMetrics::engine_baseline(gold);
        CHECK(s.map == Approx(100 * (1.0 + 2.0 / 3.0) / 2));
        CHECK(s.mrr == Approx(100));
        CHECK(s.p_at_1 == Approx(100));
    }
    SECTION("a query with no relevant candidate counts, as 0") {
        const auto gold = gold_file(dir, {"0100", "0000"});
        const kb::RankingScores s = RankingMetrics::engine_baseline(gold);
        CHECK(s.queries == 2);
        CHECK(s.map == Approx(25));  // (1/2 + 0) / 2
        CHECK(s.mrr == Approx(25));
        CHECK(s.p_at_1 == Approx(0));
    }
    SECTION("equal scores keep file order, as Python's stable sort does") {
        const auto gold = gold_file(dir, {"0001"});
        const auto flat = RankingMetrics::evaluate(gold, [](const GoldQuery&, const GoldCandidate&) { return 1.0; });
        CHECK(flat.map == Approx(25));
        const auto reversed = RankingMetrics::evaluate(
            gold, [](const GoldQuery&, const GoldCandidate& c) { return static_cast<double>(c.engine_rank); });
        CHECK(reversed.map == Approx(100));
    }
}

TEST_CASE("FTS5 baseline ranks by bm25 among the candidates only", "[unit]") {
    kb::Fts5Ranker fts;
    fts.add("a", "Which bank in Doha is best for a salary account?");
    fts.add("b", "Best beach for camping");
    fts.add("c", "Opening a bank account: which documents?");
    fts.add("d", "Bank holidays");
    const auto scores = fts.score("good bank for a salary account \"AND\" (", {"a", "b", "c"});
    CHECK(scores.count("b") == 0);  // no shared word
    CHECK(scores.count("d") == 0);  // not a candidate
    REQUIRE(scores.count("a") == 1);
    REQUIRE(scores.count("c") == 1);
    CHECK(scores.at("a") > scores.at("c"));
    CHECK(fts.score("the of and", {"a"}).empty());  // stop words only
}

TEST_CASE("similarity ranker scores only the named candidates", "[unit]") {
    const Xapian::Database db = kb::index_passages({{"a", "Renting a car with a driver in Doha"},
                                                    {"b", "Car insurance for new drivers"},
                                                    {"c", "Where to rent a bicycle"},
                                                    {"d", "Car rental with driver, monthly prices"}});
    for (unsigned expansion : {0u, 5u}) {
        kb::SimilarityParams params;
        params.expansion_terms = expansion;
        kb::SimilarityRanker ranker(db, params);
        const auto scores =
            ranker.score("Can anyone please recommend where to rent a car with a driver?", {"a", "b", "c"});
        CAPTURE(expansion);
        CHECK(scores.count("d") == 0);
        REQUIRE(scores.count("a") == 1);
        REQUIRE(scores.count("b") == 1);
        // Feedback from three candidates of four documents is all noise; only plain BM25 is checked.
        if (expansion == 0) CHECK(scores.at("a") > scores.at("b"));
    }
    kb::SimilarityRanker ranker(db, {});
    CHECK(ranker.score("please help anyone", {"a", "b"}).empty());  // filler words only
}

TEST_CASE("similarity ranker: a word's rarity can come from the collection the candidates belong to", "[unit]") {
    // Among the two candidates each word is in one of them, so the one saying "outlook" three
    // times wins. In their collection "outlook" is in every thread and "credential" in few.
    const Xapian::Database candidates =
        kb::index_passages({{"a", "outlook outlook outlook settings"}, {"b", "credential manager settings"}});
    std::vector<std::pair<std::string, std::string>> threads;
    for (int i = 0; i < 30; ++i)
        threads.emplace_back("t" + std::to_string(i), i < 2 ? "outlook credential store" : "outlook calendar sync");
    const Xapian::Database collection = kb::index_passages(threads);
    kb::SimilarityParams params;
    params.forum_filler_words = false;
    kb::SimilarityRanker ranker(candidates, params);
    const auto alone = ranker.score("outlook credential", {"a", "b"});
    REQUIRE(alone.size() == 2);
    CHECK(alone.at("a") > alone.at("b"));
    const auto in_collection = ranker.score_with_rarity_from(collection, "outlook credential", {"a", "b", "x"});
    REQUIRE(in_collection.size() == 2);  // "x" is no candidate
    CHECK(in_collection.at("b") > in_collection.at("a"));
    // A word in every thread still counts a little, as Xapian weighs it.
    CHECK(in_collection.at("a") > 0);
    CHECK(ranker.score_with_rarity_from(collection, "the of and", {"a", "b"}).empty());
}

TEST_CASE("evaluation report: rows by key, JSON with two decimals", "[unit]") {
    kb::EvalReport report;
    kb::EvalTask task{"B", "duplicates", 50, {}};
    task.rows.push_back(kb::EvalRow{"ours", "kbsearch", kb::RowKind::Ours, 74.1549, 78.9, 74.0});
    task.rows.push_back(
        kb::EvalRow{"published_best", "published", kb::RowKind::Published, 76.7, std::nullopt, std::nullopt});
    report.tasks.push_back(task);
    REQUIRE(report.task("B") != nullptr);
    CHECK(report.task("X") == nullptr);
    CHECK(report.task("B")->row("ours")->map == Approx(74.1549));
    CHECK(report.task("B")->row("nope") == nullptr);
    const nlohmann::json j = report.json();
    CHECK(j["tasks"][0]["rows"][0]["map"].get<double>() == Approx(74.15));
    CHECK(j["tasks"][0]["rows"][0]["kind"] == "ours");
    CHECK(j["tasks"][0]["rows"][1]["mrr"].is_null());
    CHECK_THAT(report.text(), Catch::Contains("74.15") && Catch::Contains("      -"));
}

TEST_CASE("a long draft is read as its most telling terms", "[unit]") {
    // 60 words; word i is in i + 1 of the 60 passages, so the rarest words say most.
    std::vector<std::pair<std::string, std::string>> passages;
    const auto word = [](std::size_t i) { return "zword" + std::string(1, char('a' + i / 26)) + char('a' + i % 26); };
    for (std::size_t p = 0; p < 60; ++p) {
        std::string text;
        for (std::size_t i = p; i < 60; ++i) text += word(i) + " ";
        passages.emplace_back("p" + std::to_string(p), text);
    }
    const Xapian::Database db = kb::index_passages(passages);
    std::string draft;
    for (std::size_t i = 0; i < 60; ++i) draft += word(i) + " ";
    const Xapian::Query query = kb::SimilarityRanker(db, {}).query(draft);
    std::set<std::string> terms(query.get_terms_begin(), query.get_terms_end());
    CHECK(terms.size() == 40);
    // Terms as the parser writes them: stems, prefixed.
    const auto stem = [&](std::size_t i) { return std::string(kb::schema::kStemPrefix) + word(i); };
    CHECK(terms.count(stem(0)) == 1);   // in one passage: kept
    CHECK(terms.count(stem(59)) == 0);  // in every passage: left out
    // A short text is left as it is written.
    const Xapian::Query short_query = kb::SimilarityRanker(db, {}).query(word(59) + " " + word(0));
    CHECK(std::set<std::string>(short_query.get_terms_begin(), short_query.get_terms_end()).size() == 2);
}

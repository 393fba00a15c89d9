#include "server/eval/semeval_evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "indexer/index/index_writer.h"
#include "indexer/index/temporary_directory.h"
#include "indexer/ingest/answer_ranker.h"
#include "indexer/ingest/semeval_xml_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/passage_writer.h"
#include "indexer/text/errors.h"
#include "server/eval/fts5_ranker.h"
#include "server/eval/original_questions.h"
#include "server/eval/relevancy_file.h"
#include "server/search/searcher.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDevXml = "SemEval2016-Task3-CQA-QL-dev.xml";
constexpr const char* kGoldB = "SemEval2016-Task3-CQA-QL-dev.xml.subtaskB.relevancy";
constexpr const char* kGoldA = "SemEval2016-Task3-CQA-QL-dev-subtaskA.xml.subtaskA.relevancy";
constexpr const char* kGoldC = "SemEval2016-Task3-CQA-QL-dev.xml.subtaskC.relevancy";

// A candidate a system found nothing for ranks below every one it scored; among themselves such
// candidates keep file (search-engine) order, as the scorer's stable sort leaves them.
constexpr double kUnscored = std::numeric_limits<double>::lowest();

using Scores = std::map<std::string, double>;       // candidate id -> score
using QueryScores = std::map<std::string, Scores>;  // query id -> its candidates' scores

double lookup(const Scores& scores, const std::string& id, double fallback = kUnscored) {
    const auto it = scores.find(id);
    return it == scores.end() ? fallback : it->second;
}

std::vector<std::string> candidate_ids(const GoldQuery& query) {
    std::vector<std::string> ids;
    for (const GoldCandidate& c : query.candidates) ids.push_back(c.id);
    return ids;
}

// "Q268_R4_C1" -> "Q268_R4": subtask C candidates name their thread.
std::string thread_of_comment(const std::string& comment_id) {
    const auto cut = comment_id.rfind("_C");
    return cut == std::string::npos ? comment_id : comment_id.substr(0, cut);
}

// What the thread index holds of a thread, for FTS5 to index the same text.
std::string indexed_text(const Thread& t) {
    std::string text = t.title + "\n" + t.question;
    for (const Answer& a : t.answers) text += "\n" + a.body;
    return text;
}

// Rank-based, so our scores and the engine's need no common scale. Our ranks are counted as the
// scorer would sort our scores.
Scores fused_with_engine(const GoldQuery& query, const Scores& ours, const EngineFusion& fusion) {
    const std::size_t n = query.candidates.size();
    std::vector<std::size_t> by_ours(n), by_engine(n);
    std::iota(by_ours.begin(), by_ours.end(), 0);
    std::iota(by_engine.begin(), by_engine.end(), 0);
    std::stable_sort(by_ours.begin(), by_ours.end(), [&](std::size_t a, std::size_t b) {
        return lookup(ours, query.candidates[a].id) > lookup(ours, query.candidates[b].id);
    });
    std::stable_sort(by_engine.begin(), by_engine.end(), [&](std::size_t a, std::size_t b) {
        return query.candidates[a].engine_score > query.candidates[b].engine_score;
    });
    Scores fused;
    for (std::size_t r = 0; r < n; ++r) {
        const double rank = static_cast<double>(r + 1);
        fused[query.candidates[by_ours[r]].id] += 1.0 / (fusion.k + rank);
        fused[query.candidates[by_engine[r]].id] += fusion.engine_weight / (fusion.k + rank);
    }
    return fused;
}

EvalRow row(std::string key, std::string system, RowKind kind, const RelevancyFile& gold, const QueryScores& scores) {
    return EvalRow::from(std::move(key), std::move(system), kind,
                         RankingMetrics::evaluate(gold, [&](const GoldQuery& q, const GoldCandidate& c) {
                             const auto it = scores.find(q.id);
                             return it == scores.end() ? kUnscored : lookup(it->second, c.id);
                         }));
}

EvalRow published(std::string key, std::string what, double map) {
    return EvalRow{std::move(key), "published: " + std::move(what), RowKind::Published, map, std::nullopt,
                   std::nullopt};
}

struct Dataset {
    std::map<std::string, Thread> threads;  // as parsed: names still present
    std::map<std::string, OriginalQuestion> questions;
    std::map<std::string, std::string> comment_text;  // comment id -> body
};

Dataset load(const fs::path& dir) {
    Dataset data;
    ParseOutcome parsed = SemEvalXmlParser().parse_file(dir / kDevXml);
    if (!parsed.errors.empty()) throw parsed.errors.front();
    for (Thread& t : parsed.threads) {
        for (const Answer& a : t.answers) data.comment_text[a.source_id] = a.body;
        std::string id = t.id;
        data.threads.emplace(std::move(id), std::move(t));
    }
    for (OriginalQuestion& q : read_original_questions(dir / kDevXml)) {
        std::string id = q.id;
        data.questions.emplace(std::move(id), std::move(q));
    }
    return data;
}

// A question as the search box takes it: cut to the longest query allowed, at a space.
std::string pasted_query(const std::string& question) {
    if (question.size() <= kMaxQueryBytes) return question;
    const std::size_t cut = question.rfind(' ', kMaxQueryBytes);
    return question.substr(0, cut == std::string::npos || cut == 0 ? kMaxQueryBytes : cut);
}

template <typename Map>
const typename Map::mapped_type& must_find(const Map& map, const std::string& id, const char* what) {
    const auto it = map.find(id);
    if (it == map.end()) throw IndexError(std::string("gold file names unknown ") + what + " " + id);
    return it->second;
}

}  // namespace

SemEvalEvaluation::SemEvalEvaluation(fs::path dir, const AnswerTraining& training, SemEvalParams params)
    : dir_(std::move(dir)), training_(training), params_(params) {}

std::vector<EvalTask> SemEvalEvaluation::run() const {
    const Dataset data = load(dir_);
    const RelevancyFile gold_b(dir_ / kGoldB), gold_a(dir_ / kGoldA), gold_c(dir_ / kGoldC);

    // The related threads take the real write path (pipeline, IndexWriter) into a scratch index;
    // FTS5 gets the same cleaned text.
    TemporaryDirectory scratch("kbsearch-eval");
    Fts5Ranker fts_threads, fts_comments;
    std::vector<std::pair<std::string, std::string>> questions;  // thread id -> its title and question, cleaned
    {
        IndexWriter writer(scratch.path() / "db");
        // As a build does: the forum's frequent name-shaped phrases first, then the threads.
        auto phrases = std::make_shared<ForumPhrases>();
        for (const auto& [id, raw] : data.threads) ThreadPipeline().count_phrases(raw, *phrases);
        phrases->finish();
        // Each labelled thread's answers are scored, as the indexer scores them, by the fold model
        // that never saw it; any other thread by the shipped model, which never saw it either.
        const ThreadPipeline shipped(phrases);
        std::vector<ThreadPipeline> by_fold;
        for (int fold = 0; fold < AnswerTraining::kFolds; ++fold)
            by_fold.emplace_back(phrases, training_.fold_model(fold));
        for (const auto& [id, raw] : data.threads) {
            const int fold = training_.fold_of("semeval2016/" + id);
            const ThreadRecord record = (fold < 0 ? shipped : by_fold[static_cast<std::size_t>(fold)]).prepare(raw);
            writer.add(record);
            fts_threads.add(id, indexed_text(record.thread));
            questions.emplace_back(id, record.thread.title + "\n" + record.thread.question);
        }
        writer.commit();
    }
    for (const auto& [id, text] : data.comment_text) fts_comments.add(id, text);
    SimilarityRanker thread_ranker(Xapian::Database((scratch.path() / "db").string()), params_.threads);
    SimilarityRanker comment_ranker(index_passages({data.comment_text.begin(), data.comment_text.end()}),
                                    params_.comments);
    SimilarityRanker question_ranker(index_passages(questions), params_.questions);

    auto question_text = [&](const GoldQuery& query) {
        const OriginalQuestion& q = must_find(data.questions, query.id, "original question");
        return q.subject + "\n" + q.body;
    };

    // B: the related threads against the new question: the whole thread, and its question alone.
    // "shipped" is Searcher::similar itself, the writers' duplicate finder, on the same index.
    Searcher searcher(scratch.path() / "db");
    QueryScores ours_b, fused_b, fts_b, shipped_b, searched_b;
    for (const GoldQuery& query : gold_b.queries()) {
        for (const SearchHit& hit : searcher.similar(question_text(query), 10, candidate_ids(query)).hits)
            shipped_b[query.id][hit.id] = hit.score;
        // The question pasted into the search box, as a moderator pastes a customer's words: the
        // related threads in the order search() lists them (the whole scratch index shares the
        // collection statistics), those it does not list last.
        {
            SearchRequest pasted;
            pasted.query = pasted_query(question_text(query));
            pasted.limit = kMaxLimit;
            pasted.collapse = false;
            pasted.with_facets = false;
            const std::vector<std::string> candidates = candidate_ids(query);
            const SearchResult result = searcher.search(pasted);
            Scores& scores = searched_b[query.id];
            for (std::size_t rank = 0; rank < result.hits.size(); ++rank)
                if (std::find(candidates.begin(), candidates.end(), result.hits[rank].id) != candidates.end())
                    scores[result.hits[rank].id] = 1.0 / static_cast<double>(rank + 1);
        }
        Scores& scores = ours_b[query.id];
        scores = thread_ranker.score(question_text(query), candidate_ids(query));
        if (params_.b_question_weight > 0) {
            scores = scaled_to_best(scores);
            for (const auto& [id, s] :
                 scaled_to_best(question_ranker.score(question_text(query), candidate_ids(query))))
                scores[id] += params_.b_question_weight * s;
        }
        fused_b[query.id] = fused_with_engine(query, ours_b[query.id], params_.fusion_b);
        fts_b[query.id] = fts_threads.score(question_text(query), candidate_ids(query));
    }
    EvalTask b{
        "B", "duplicate questions: rank the 10 related threads of each new question", gold_b.queries().size(), {}};
    b.rows.push_back(row("ours", "kbsearch: BM25 thread + question, title, PRF", RowKind::Ours, gold_b, ours_b));
    b.rows.push_back(row("ours_fused", "kbsearch fused with the engine's order", RowKind::Ours, gold_b, fused_b));
    b.rows.push_back(row("shipped", "kbsearch similar(), as the server runs it", RowKind::Ours, gold_b, shipped_b));
    b.rows.push_back(
        row("searched", "kbsearch search(), the question pasted as the query", RowKind::Ours, gold_b, searched_b));
    b.rows.push_back(EvalRow::from("engine", "search-engine order (task baseline)", RowKind::Baseline,
                                   RankingMetrics::engine_baseline(gold_b)));
    b.rows.push_back(row("fts5", "SQLite FTS5 bm25()", RowKind::Fts5, gold_b, fts_b));
    b.rows.push_back(published("published_engine", "search-engine order, dev", 71.35));
    b.rows.push_back(published("published_best", "best 2016 system, test", 76.70));

    // A: the learned ranker reads each thread as parsed, names included (they never leave memory).
    // A thread of the gold A file is scored by the fold model that never saw it; the other related
    // threads (C's candidates) by the shipped model, which never saw them either.
    const auto& cross_validated = training_.cross_validated_scores();
    const AnswerRanker shipped_ranker, hand_ranker = AnswerRanker::hand_weighted();
    Scores answer_scores, hand_scores;
    for (const auto& [id, t] : data.threads) {
        const auto cv = cross_validated.find("semeval2016/" + id);
        const std::vector<double> s = cv != cross_validated.end() ? cv->second : shipped_ranker.score(t);
        const std::vector<double> h = hand_ranker.score(t);
        for (std::size_t i = 0; i < s.size(); ++i) {
            answer_scores[t.answers[i].source_id] = s[i];
            hand_scores[t.answers[i].source_id] = h[i];
        }
    }
    QueryScores ours_a, hand_a, fts_a;
    for (const GoldQuery& query : gold_a.queries()) {
        const Thread& t = must_find(data.threads, query.id, "thread");
        for (const GoldCandidate& c : query.candidates) {
            ours_a[query.id][c.id] = lookup(answer_scores, c.id);
            hand_a[query.id][c.id] = lookup(hand_scores, c.id);
        }
        fts_a[query.id] = fts_comments.score(t.title + "\n" + t.question, candidate_ids(query));
    }
    EvalTask a{"A", "answer ranking: rank the 10 comments of each thread", gold_a.queries().size(), {}};
    a.rows.push_back(row("shipped", "kbsearch learned AnswerRanker, as the indexer runs it (5-fold by thread)",
                         RowKind::Ours, gold_a, ours_a));
    a.rows.push_back(row("hand_rule", "the hand-weighted rule it replaced", RowKind::Baseline, gold_a, hand_a));
    a.rows.push_back(EvalRow::from("engine", "chronological order (task baseline)", RowKind::Baseline,
                                   RankingMetrics::engine_baseline(gold_a)));
    a.rows.push_back(row("fts5", "SQLite FTS5 bm25(), comment vs its question", RowKind::Fts5, gold_a, fts_a));
    a.rows.push_back(published("published_engine", "chronological order, dev", 53.84));
    a.rows.push_back(published("published_best", "best 2016 system, test", 79.19));

    // C: the 100 comments of the related threads against the new question.
    QueryScores ours_c, fused_c, fts_c, shipped_c;
    for (const GoldQuery& query : gold_c.queries()) {
        const std::string text = question_text(query);
        std::vector<std::string> threads;
        for (const GoldCandidate& c : query.candidates)
            if (const std::string t = thread_of_comment(c.id);
                std::find(threads.begin(), threads.end(), t) == threads.end())
                threads.push_back(t);
        const Scores thread_similarity = thread_ranker.score(text, threads);
        const Scores comment_similarity = comment_ranker.score(text, candidate_ids(query));
        std::vector<AnswerCandidate> candidates;
        for (const GoldCandidate& c : query.candidates)
            if (const double answer = lookup(answer_scores, c.id); answer != kUnscored)
                candidates.push_back({c.id, lookup(thread_similarity, thread_of_comment(c.id), 0), answer,
                                      lookup(comment_similarity, c.id, 0)});
        Scores& scores = ours_c[query.id];
        for (const RankedAnswer& ranked : AnswersForQuestion(params_.answers_for_question).rank(candidates))
            scores[ranked.id] = ranked.score;
        fused_c[query.id] = fused_with_engine(query, scores, params_.fusion_c);
        // What the server runs: Searcher::answers over the scratch index, whose records hold the
        // answer scores the indexer wrote, on the task's threads.
        AnswersRequest asked;
        asked.search.query = pasted_query(text);
        asked.search.limit = kMaxLimit;
        asked.threads = static_cast<int>(threads.size());
        asked.within = threads;
        for (const AnswerHit& hit : searcher.answers(asked).answers) {
            const Thread& t = must_find(data.threads, hit.thread_id, "thread");
            shipped_c[query.id][t.answers.at(static_cast<std::size_t>(hit.answer.index)).source_id] = hit.score;
        }
        fts_c[query.id] = fts_comments.score(text, candidate_ids(query));
    }
    EvalTask c{
        "C", "answers for a new question: rank the 100 comments of its related threads", gold_c.queries().size(), {}};
    c.rows.push_back(row("ours", "kbsearch AnswersForQuestion: thread x learned answer x comment similarity",
                         RowKind::Ours, gold_c, ours_c));
    c.rows.push_back(row("ours_fused", "kbsearch fused with the engine's order", RowKind::Ours, gold_c, fused_c));
    c.rows.push_back(row("shipped", "kbsearch Searcher::answers, as the server runs it (/api/answers)", RowKind::Ours,
                         gold_c, shipped_c));
    c.rows.push_back(EvalRow::from("engine", "search-engine order (task baseline)", RowKind::Baseline,
                                   RankingMetrics::engine_baseline(gold_c)));
    c.rows.push_back(row("fts5", "SQLite FTS5 bm25(), comment vs new question", RowKind::Fts5, gold_c, fts_c));
    c.rows.push_back(published("published_engine", "search-engine order, dev", 30.65));
    c.rows.push_back(published("published_best", "best 2016 system, test", 55.41));
    return {std::move(b), std::move(a), std::move(c)};
}

}  // namespace kb

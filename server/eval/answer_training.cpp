#include "server/eval/answer_training.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include <pugixml.hpp>

#include "indexer/ingest/answer_ranker.h"
#include "indexer/ingest/forum_answer_fit.h"
#include "indexer/ingest/scn_json_parser.h"
#include "indexer/ingest/semeval_xml_parser.h"
#include "indexer/schema/keys.h"
#include "indexer/text/errors.h"
#include "server/eval/relevancy_file.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

constexpr float kGood = 2;

float label_of(std::string_view relevance) {
    if (relevance == "Good") return kGood;
    if (relevance == "PotentiallyUseful") return 1;
    return 0;
}

// Comment id -> RELC_RELEVANCE2RELQ, read beside the parser (which keeps no labels).
std::map<std::string, float> comment_labels(const fs::path& xml) {
    pugi::xml_document doc;
    if (!doc.load_file(xml.c_str())) throw IndexError("cannot read " + xml.string());
    std::map<std::string, float> labels;
    for (const pugi::xpath_node& found : doc.select_nodes("//RelComment")) {
        const pugi::xml_attribute label = found.node().attribute("RELC_RELEVANCE2RELQ");
        if (label) labels[found.node().attribute("RELC_ID").as_string()] = label_of(label.as_string());
    }
    return labels;
}

std::vector<Thread> parsed_threads(const fs::path& file, const ThreadParser& parser) {
    if (!fs::exists(file)) throw IndexError("no " + file.string() + " (pass --data with the shared data folder)");
    ParseOutcome parsed = parser.parse_file(file);
    if (!parsed.errors.empty()) throw parsed.errors.front();
    return std::move(parsed.threads);
}

void add_semeval(const fs::path& xml, const std::string& source, const std::set<std::string>* only,
                 std::vector<LabelledThread>& out) {
    const std::map<std::string, float> labels = comment_labels(xml);
    for (Thread& t : parsed_threads(xml, SemEvalXmlParser())) {
        if (only && !only->count(t.id)) continue;
        LabelledThread lt{source, std::move(t), {}, 0};
        bool labelled = !lt.thread.answers.empty();
        for (const Answer& a : lt.thread.answers) {
            const auto it = labels.find(a.source_id);
            labelled = labelled && it != labels.end();
            lt.labels.push_back(it == labels.end() ? 0 : it->second);
        }
        if (labelled) out.push_back(std::move(lt));
    }
}

void add_scn(const fs::path& dir, std::vector<LabelledThread>& out) {
    if (!fs::is_directory(dir)) throw IndexError("no " + dir.string() + " (pass --data with the shared data folder)");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files)
        for (Thread& t : parsed_threads(file, ScnJsonParser()))
            if (std::optional<std::vector<float>> labels = ForumAnswerFit::take_accepted_labels(t))
                out.push_back(LabelledThread{"scn", std::move(t), std::move(*labels), 0});
}

// Average precision of `scores` against the Good labels over the top 10, as the SemEval scorer
// counts it (a thread with no Good answer scores 0); ties keep page order.
struct Figures {
    double ap = 0;
    bool first_good = false;
};

Figures figures_of(const std::vector<double>& scores, const std::vector<float>& labels) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    Figures f;
    double found = 0, precision_sum = 0;
    for (std::size_t r = 0; r < order.size() && r < 10; ++r)
        if (labels[order[r]] >= kGood) {
            ++found;
            precision_sum += found / static_cast<double>(r + 1);
            if (r == 0) f.first_good = true;
        }
    f.ap = found > 0 ? precision_sum / found : 0;
    return f;
}

struct Tally {
    double ap = 0, first = 0;
    std::size_t threads = 0;
    void add(const Figures& f) {
        ap += f.ap;
        first += f.first_good;
        ++threads;
    }
    double map() const { return threads ? 100 * ap / static_cast<double>(threads) : 0; }
    double p_at_1() const { return threads ? 100 * first / static_cast<double>(threads) : 0; }
};

std::vector<AnswerModel::Example> examples_of(const std::vector<LabelledThread>& threads, int skip_fold) {
    std::vector<AnswerModel::Example> examples;
    for (const LabelledThread& t : threads)
        if (t.fold != skip_fold) examples.push_back({&t.thread, &t.labels});
    return examples;
}

}  // namespace

AnswerTraining::AnswerTraining(const fs::path& data_dir, AnswerModel::TrainingParams params)
    : params_(std::move(params)) {
    const fs::path s16 = data_dir / "semeval2016";
    const RelevancyFile gold_a(s16 / "SemEval2016-Task3-CQA-QL-dev-subtaskA.xml.subtaskA.relevancy");
    std::set<std::string> gold_threads;
    for (const GoldQuery& q : gold_a.queries()) gold_threads.insert(q.id);
    add_semeval(s16 / "SemEval2016-Task3-CQA-QL-dev.xml", "semeval2016", &gold_threads, threads_);
    for (const char* file :
         {"SemEval2015-Task3-CQA-QL-dev-reformatted.xml", "SemEval2015-Task3-CQA-QL-test-reformatted.xml"})
        add_semeval(data_dir / "semeval2015" / file, "semeval2015", nullptr, threads_);
    add_scn(data_dir / "scn", threads_);
    // Folds by a stable hash of the thread's key: the same split on every machine and run.
    for (LabelledThread& t : threads_) t.fold = static_cast<int>(stable_hash(key_of(t)) % kFolds);
}

std::shared_ptr<const AnswerModel> AnswerTraining::train_all() const {
    return AnswerModel::train(examples_of(threads_, -1), params_);
}

const std::map<std::string, std::vector<double>>& AnswerTraining::cross_validated_scores() const {
    if (!cv_scores_.empty()) return cv_scores_;
    for (int fold = 0; fold < kFolds; ++fold) {
        const AnswerRanker ranker(fold_model(fold));
        for (const LabelledThread& t : threads_)
            if (t.fold == fold) cv_scores_[key_of(t)] = ranker.score(t.thread);
    }
    return cv_scores_;
}

std::shared_ptr<const AnswerModel> AnswerTraining::fold_model(int fold) const {
    if (fold_models_.empty()) fold_models_.resize(kFolds);
    auto& model = fold_models_.at(static_cast<std::size_t>(fold));
    if (!model) model = AnswerModel::train(examples_of(threads_, fold), params_);
    return model;
}

int AnswerTraining::fold_of(const std::string& key) const {
    for (const LabelledThread& t : threads_)
        if (key_of(t) == key) return t.fold;
    return -1;
}

std::string AnswerTraining::report(const AnswerModel& shipped) const {
    const auto& cv = cross_validated_scores();
    const AnswerRanker hand = AnswerRanker::hand_weighted();
    std::map<std::string, std::map<std::string, Tally>> tallies;  // source -> system -> tally
    for (const LabelledThread& t : threads_) {
        const std::size_t n = t.thread.answers.size();
        auto& by_system = tallies[t.source];
        by_system["learned, cross-validated"].add(figures_of(cv.at(key_of(t)), t.labels));
        by_system["hand-weighted rule"].add(figures_of(hand.score(t.thread), t.labels));
        std::vector<double> page(n), votes(n), length(n);
        for (std::size_t i = 0; i < n; ++i) {
            page[i] = -static_cast<double>(i);
            votes[i] = t.thread.answers[i].helpful;
            length[i] = static_cast<double>(t.thread.answers[i].body.size());
        }
        by_system["page order (first answer)"].add(figures_of(page, t.labels));
        if (t.source == "scn") {
            by_system["most upvoted"].add(figures_of(votes, t.labels));
            by_system["longest"].add(figures_of(length, t.labels));
        }
    }
    std::string out = "Answer model: XGBoost " + params_.objective + ", " + std::to_string(params_.rounds) +
                      " rounds, depth " + std::to_string(params_.max_depth) + "; " + std::to_string(kFolds) +
                      "-fold cross-validation by thread (a thread is scored only by a model that never saw it)\n\n";
    out += "| source | threads | system | MAP | P@1 (best answer first) |\n|---|---:|---|---:|---:|\n";
    for (const auto& [source, by_system] : tallies)
        for (const auto& [system, tally] : by_system) {
            char line[200];
            std::snprintf(line, sizeof line, "| %s | %zu | %s | %.2f | %.2f |\n", source.c_str(), tally.threads,
                          system.c_str(), tally.map(), tally.p_at_1());
            out += line;
        }
    // What the shipped model leans on: mean |contribution| of each feature over every answer.
    std::vector<double> weight(AnswerFeatures::kCount, 0);
    std::size_t rows = 0;
    for (const LabelledThread& t : threads_)
        for (const std::vector<float>& c : shipped.contributions(t.thread)) {
            for (std::size_t f = 0; f < AnswerFeatures::kCount; ++f) weight[f] += std::abs(c[f]);
            ++rows;
        }
    std::vector<std::size_t> order(weight.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
    out += "\nWhat the shipped model leans on (mean |SHAP contribution| per answer, all " + std::to_string(rows) +
           " answers):\n\n";
    for (std::size_t f : order) {
        char line[120];
        std::snprintf(line, sizeof line, "- %s: %.3f\n", std::string(AnswerFeatures::names()[f]).c_str(),
                      rows ? weight[f] / static_cast<double>(rows) : 0.0);
        out += line;
    }
    return out;
}

}  // namespace kb

#include "indexer/ingest/answer_model.h"

#include <cmath>
#include <limits>

#include <xgboost/c_api.h>

#include "indexer/ingest/answer_model_data.h"
#include "indexer/text/errors.h"

// GNU OpenMP's own call (libgomp, which XGBoost runs on); its header would tie the build to a
// compiler's OpenMP support, which the fuzz build's clang lacks.
extern "C" void omp_set_num_threads(int);

namespace kb {

namespace {

// The booster attribute that names the columns a model reads, checked on load.
constexpr const char* kFeaturesAttribute = "kbsearch_features";
constexpr const char* kLexiconAttribute = "kbsearch_lexicon";

std::string feature_list() {
    std::string list;
    for (std::string_view name : AnswerFeatures::names()) {
        if (!list.empty()) list += ',';
        list += name;
    }
    return list;
}

void check(int status, const char* what) {
    if (status != 0) throw Error(std::string("answer model: ") + what + ": " + XGBGetLastError());
}

struct Matrix {
    DMatrixHandle handle = nullptr;
    explicit Matrix(const std::vector<AnswerFeatures::Row>& rows) {
        static_assert(sizeof(AnswerFeatures::Row) == AnswerFeatures::kCount * sizeof(float));
        // One thread: the plain form starts an OpenMP team per matrix, whose idle members spin
        // against the build's other writers (a 10,000-thread build on 2 cores took 26% longer).
        check(XGDMatrixCreateFromMat_omp(rows.empty() ? nullptr : rows.front().data(), rows.size(),
                                         AnswerFeatures::kCount, std::numeric_limits<float>::quiet_NaN(), &handle, 1),
              "matrix");
    }
    ~Matrix() { XGDMatrixFree(handle); }
    Matrix(const Matrix&) = delete;
    Matrix& operator=(const Matrix&) = delete;
};

std::string number(double value) {
    std::string s = std::to_string(value);
    return s;
}

}  // namespace

struct AnswerModel::Handle {
    BoosterHandle booster = nullptr;
    Handle() = default;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() {
        if (booster) XGBoosterFree(booster);
    }
};

AnswerModel::AnswerModel(std::unique_ptr<Handle> handle, AnswerLexicon lexicon)
    : handle_(std::move(handle)), lexicon_(std::move(lexicon)) {}
AnswerModel::~AnswerModel() = default;

std::shared_ptr<const AnswerModel> AnswerModel::from_json(std::string_view json) {
    auto handle = std::make_unique<Handle>();
    check(XGBoosterCreate(nullptr, 0, &handle->booster), "create");
    check(XGBoosterLoadModelFromBuffer(handle->booster, json.data(), json.size()), "load");
    check(XGBoosterSetParam(handle->booster, "nthread", "1"), "nthread");
    const char* features = nullptr;
    int found = 0;
    check(XGBoosterGetAttr(handle->booster, kFeaturesAttribute, &features, &found), "features");
    if (!found || feature_list() != features)
        throw Error(
            "answer model: it reads another feature list than this build computes; retrain it "
            "(kbsearch train-answers)");
    const char* lexicon = nullptr;
    check(XGBoosterGetAttr(handle->booster, kLexiconAttribute, &lexicon, &found), "lexicon");
    AnswerLexicon words = found ? AnswerLexicon::parse(lexicon) : AnswerLexicon();
    return std::shared_ptr<const AnswerModel>(new AnswerModel(std::move(handle), std::move(words)));
}

std::shared_ptr<const AnswerModel> AnswerModel::built_in() {
    // Never destroyed: at exit XGBoost's own per-thread state may already be gone, and freeing a
    // booster after it corrupts the heap.
    static const auto* model = new std::shared_ptr<const AnswerModel>(from_json(built_in_answer_model()));
    return *model;
}

std::shared_ptr<const AnswerModel> AnswerModel::train(const std::vector<Example>& examples,
                                                      const TrainingParams& params) {
    std::vector<std::pair<const Thread*, const std::vector<float>*>> labelled;
    for (const Example& e : examples) {
        if (e.thread->answers.size() != e.labels->size())
            throw Error("answer model: thread " + e.thread->id + " has " + std::to_string(e.thread->answers.size()) +
                        " answers and " + std::to_string(e.labels->size()) + " labels");
        labelled.emplace_back(e.thread, e.labels);
    }
    AnswerLexicon lexicon = AnswerLexicon::learn(labelled);
    std::vector<AnswerFeatures::Row> rows;
    std::vector<float> labels;
    std::vector<unsigned> sizes;
    for (const Example& e : examples) {
        const std::vector<float>& l = *e.labels;
        bool varied = false;
        for (float label : l) varied = varied || label != l.front();
        if (!varied) continue;  // a thread whose answers are all alike teaches a ranker nothing
        std::vector<AnswerFeatures::Row> r = e.rows ? *e.rows : AnswerFeatures::of(*e.thread);
        AnswerFeatures::apply_lexicon(r, *e.thread, &lexicon);
        rows.insert(rows.end(), r.begin(), r.end());
        for (float label : l) labels.push_back(label == 1 ? params.partly_good : label);
        sizes.push_back(static_cast<unsigned>(r.size()));
    }
    if (sizes.empty()) throw Error("answer model: no thread with both better and worse answers to learn from");
    const Matrix train(rows);
    check(XGDMatrixSetFloatInfo(train.handle, "label", labels.data(), labels.size()), "labels");
    check(XGDMatrixSetUIntInfo(train.handle, "group", sizes.data(), sizes.size()), "groups");

    // The training booster keeps caches tied to the training matrix; the model served is a fresh
    // booster read from its saved form, and the training one is freed while its matrix lives.
    std::string saved;
    {
        Handle trainer;
        check(XGBoosterCreate(&train.handle, 1, &trainer.booster), "create");
        const std::pair<const char*, std::string> settings[] = {
            {"objective", params.objective},
            {"max_depth", std::to_string(params.max_depth)},
            {"eta", number(params.eta)},
            {"subsample", number(params.subsample)},
            {"colsample_bytree", number(params.colsample_bytree)},
            {"min_child_weight", number(params.min_child_weight)},
            {"lambda", number(params.lambda)},
            {"seed", std::to_string(params.seed)},
            {"nthread", "1"},
            {"tree_method", params.tree_method},
            {"verbosity", "0"},
        };
        for (const auto& [key, value] : settings) check(XGBoosterSetParam(trainer.booster, key, value.c_str()), key);
        for (int round = 0; round < params.rounds; ++round)
            check(XGBoosterUpdateOneIter(trainer.booster, round, train.handle), "train");
        check(XGBoosterSetAttr(trainer.booster, kFeaturesAttribute, feature_list().c_str()), "features");
        check(XGBoosterSetAttr(trainer.booster, kLexiconAttribute, lexicon.serialise().c_str()), "lexicon");
        bst_ulong length = 0;
        const char* bytes = nullptr;
        check(XGBoosterSaveModelToBuffer(trainer.booster, R"({"format": "json"})", &length, &bytes), "save");
        saved.assign(bytes, length);
    }
    return from_json(saved);
}

std::string AnswerModel::to_json() const {
    const std::lock_guard lock(mutex_);
    bst_ulong length = 0;
    const char* bytes = nullptr;
    check(XGBoosterSaveModelToBuffer(handle_->booster, R"({"format": "json"})", &length, &bytes), "save");
    return {bytes, length};
}

std::vector<float> AnswerModel::run(const std::vector<AnswerFeatures::Row>& rows, int type, std::size_t& width) const {
    width = 0;
    if (rows.empty()) return {};
    const Matrix matrix(rows);
    const std::string config =
        R"({"type": )" + std::to_string(type) +
        R"(, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    const std::lock_guard lock(mutex_);
    // One OpenMP thread for this caller: XGBoost sizes its parallel loops from the caller's
    // setting, and idle team members spin against the build's other writers.
    omp_set_num_threads(1);
    const bst_ulong* shape = nullptr;
    bst_ulong dimensions = 0;
    const float* out = nullptr;
    check(XGBoosterPredictFromDMatrix(handle_->booster, matrix.handle, config.c_str(), &shape, &dimensions, &out),
          "predict");
    std::size_t total = 1;
    for (bst_ulong d = 0; d < dimensions; ++d) total *= shape[d];
    width = dimensions > 1 ? shape[dimensions - 1] : 1;
    return {out, out + total};
}

std::vector<AnswerFeatures::Row> AnswerModel::features(const Thread& thread) const {
    return AnswerFeatures::of(thread, &lexicon_);
}

std::vector<AnswerFeatures::Row> AnswerModel::features(std::vector<AnswerFeatures::Row> rows,
                                                       const Thread& thread) const {
    AnswerFeatures::apply_lexicon(rows, thread, &lexicon_);
    return rows;
}

std::vector<double> AnswerModel::score(const std::vector<AnswerFeatures::Row>& rows) const {
    std::size_t width = 0;
    const std::vector<float> out = run(rows, 0, width);
    return {out.begin(), out.end()};
}

std::vector<std::vector<float>> AnswerModel::contributions(const std::vector<AnswerFeatures::Row>& rows) const {
    std::size_t width = 0;
    // Type 3: per-feature contributions along each tree's path (Saabas), not the exact TreeSHAP
    // (type 2), which cost 8% of a build for the same strongest readings.
    const std::vector<float> out = run(rows, 3, width);
    std::vector<std::vector<float>> split;
    for (std::size_t r = 0; r < rows.size() && width > 0; ++r)
        split.emplace_back(out.begin() + static_cast<std::ptrdiff_t>(r * width),
                           out.begin() + static_cast<std::ptrdiff_t>((r + 1) * width));
    return split;
}

}  // namespace kb

#include "server/eval/evaluation.h"

#include <chrono>

#include "indexer/text/errors.h"
#include "server/eval/scn_evaluation.h"

namespace kb {

EvalReport run_evaluation(const std::filesystem::path& data_dir, const SemEvalParams& params) {
    const auto started = std::chrono::steady_clock::now();
    for (const char* sub : {"semeval2016", "semeval2015", "scn"})
        if (!std::filesystem::is_directory(data_dir / sub))
            throw IndexError("no " + (data_dir / sub).string() + " (pass --data with the shared data folder)");
    EvalReport report;
    const AnswerTraining training(data_dir);
    report.tasks = SemEvalEvaluation(data_dir / "semeval2016", training, params).run();
    report.tasks.push_back(ScnEvaluation(training).run());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace kb

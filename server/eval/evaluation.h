// run_evaluation: the whole `kbsearch eval` run over ../shared/data: SemEval-2016 subtasks B, A
// and C, then the SCN accepted-answer check, timed.
#pragma once

#include <filesystem>

#include "server/eval/eval_report.h"
#include "server/eval/semeval_evaluation.h"

namespace kb {

// `data_dir` holds semeval2016/ and scn/. Throws IndexError when either is missing, ParseError
// for unreadable data, Xapian::Error when the scratch index fails.
EvalReport run_evaluation(const std::filesystem::path& data_dir, const SemEvalParams& params = {});

}  // namespace kb

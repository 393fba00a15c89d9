// `kbsearch eval`: ranking quality on the labelled data (docs/eval.md), ours beside baselines.
#include <iostream>

#include "server/cli/commands.h"
#include "server/eval/evaluation.h"

namespace kb::cli {

void add_eval_command(CLI::App& app, Action& run) {
    struct Options {
        std::string data = "../shared/data";
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("eval",
                                       "Measure ranking quality (MAP, MRR, P@1) on the SemEval-2016 and SCN "
                                       "data, beside the task baselines and SQLite FTS5");
    cmd->add_option("--data", options->data, "Folder holding semeval2016/ and scn/")->capture_default_str();
    cmd->add_flag("--json", options->json, "Print the figures as JSON");
    cmd->callback([options, &run] {
        run = [options] {
            const EvalReport report = run_evaluation(options->data);
            if (options->json)
                std::cout << report.json().dump(2) << "\n";
            else
                std::cout << report.text();
            return 0;
        };
    });
}

}  // namespace kb::cli

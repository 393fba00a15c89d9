// `kbsearch train-answers`: fits the default answer model on ../shared/data and writes it with
// its cross-validated training report: the one reproducible command behind answer_model.json.
#include <fstream>
#include <iostream>

#include "indexer/text/errors.h"
#include "server/cli/commands.h"
#include "server/eval/answer_training.h"

namespace kb::cli {

namespace {

void write_file(const std::string& path, const std::string& text) {
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw IndexError("cannot write " + partial);
    }
    std::filesystem::rename(partial, path);
}

}  // namespace

void add_train_answers_command(CLI::App& app, Action& run) {
    struct Options {
        std::string data = "../shared/data";
        std::string model = "indexer/ingest/answer_model.json";
        std::string report = "docs/answer-model.md";
        AnswerModel::TrainingParams params;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "train-answers",
        "Train the default answer model on the labelled data (SemEval-2016 dev, SemEval-2015, SCN) and write it "
        "with its cross-validated report; rebuild kbsearch to build the new model in");
    cmd->add_option("--data", o->data, "Folder holding semeval2016/, semeval2015/ and scn/")->capture_default_str();
    cmd->add_option("--model", o->model, "Where the model goes")->capture_default_str();
    cmd->add_option("--report", o->report, "Where the training report goes")->capture_default_str();
    cmd->add_option("--rounds", o->params.rounds, "Boosting rounds")
        ->capture_default_str()
        ->check(whole_number(1, 5000));
    cmd->add_option("--depth", o->params.max_depth, "Tree depth")->capture_default_str()->check(whole_number(1, 12));
    cmd->add_option("--eta", o->params.eta, "Learning rate")->capture_default_str()->check(CLI::Range(0.001, 1.0));
    cmd->add_option("--partly-good", o->params.partly_good, "Label of a PotentiallyUseful answer (Good is 2)")
        ->capture_default_str()
        ->check(CLI::Range(0.0f, 2.0f));
    cmd->add_option("--objective", o->params.objective, "XGBoost objective")
        ->capture_default_str()
        ->check(CLI::IsMember({"rank:pairwise", "rank:ndcg", "rank:map", "binary:logistic"}));
    cmd->callback([o, &run] {
        run = [o] {
            const AnswerTraining training(o->data, o->params);
            std::cerr << "train-answers: " << training.threads().size() << " labelled threads\n";
            const auto model = training.train_all();
            const std::string report = training.report(*model);
            write_file(o->model, model->to_json());
            write_file(o->report,
                       "# The default answer model\n\nWritten by `kbsearch train-answers --data ../shared/data` "
                       "(the model: `indexer/ingest/answer_model.json`, built into the binary). Signals: "
                       "`indexer/ingest/answer_features.h`.\n\n" +
                           report);
            std::cout << report;
            std::cerr << "train-answers: wrote " << o->model << " and " << o->report
                      << "; rebuild kbsearch to build the new model in\n";
            return 0;
        };
    });
}

}  // namespace kb::cli

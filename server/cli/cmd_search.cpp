// `kbsearch search`, `kbsearch similar` and `kbsearch answers`: the searcher from the command
// line, as text or JSON.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>

#include <unistd.h>

#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"
#include "server/cli/commands.h"
#include "server/search/result_json.h"
#include "server/search/searcher.h"

namespace kb::cli {

namespace {

// The snippet as terminal text: HTML entities decoded, matches in bold on a terminal.
std::string terminal_text(const std::string& snippet, bool bold) {
    static const std::regex open("<mark>"), close("</mark>");
    std::string text = std::regex_replace(snippet, open, bold ? "\x1b[1m" : "");
    text = std::regex_replace(text, close, bold ? "\x1b[0m" : "");
    return decode_html_entities(text);
}

std::string indent(const std::string& text, const std::string& pad) {
    std::string out = pad;
    for (char c : text) {
        out += c;
        if (c == '\n') out += pad;
    }
    return out;
}

// The code card in a line or two: its threads, and what holds under the query's filters.
void print_code_card(const CodeCard& card, std::ostream& out) {
    out << "Error code " << card.code << ": " << card.threads << (card.threads == 1 ? " thread" : " threads");
    for (const Facet& p : card.products)
        out << (&p == &card.products.front() ? " (" : ", ") << p.value << " " << p.count;
    out << (card.products.empty() ? "" : ")");
    if (card.thread) {
        out << "; best answered: " << card.thread->title << " [" << card.thread->id << "]\n";
        return;
    }
    std::string narrowed;
    for (const std::string& part : card.narrowed_by) narrowed += (narrowed.empty() ? "" : " ") + part;
    if (narrowed.empty()) narrowed = "this search";
    const unsigned answered = card.answered.value_or(0);
    if (answered == 0)
        out << "; none has an answer yet\n";
    else if (card.matching == 0)
        out << "; none matches " << narrowed << ", " << answered << " answered: search " << card.code << " alone\n";
    else
        out << "; none of the " << card.matching << " matching " << narrowed << " has an answer, " << answered
            << " answered: search " << card.code << " alone\n";
}

void print_text(const SearchResult& result, std::ostream& out, bool bold) {
    out << result.total << " matching threads";
    // The query and the products are the user's words, echoed: printable(), never raw.
    if (result.corrected)
        out << " for \"" << printable(*result.suggestion) << "\" (nothing matched \"" << printable(result.query)
            << "\")";
    out << "\n";
    if (result.suggestion && !result.corrected) out << "Did you mean: " << printable(*result.suggestion) << "\n";
    for (const UnknownProduct& u : result.unknown_products) {
        out << "No product \"" << printable(u.product) << "\" in the index";
        for (const std::string& key : u.nearest)
            out << (&key == &u.nearest.front() ? "; nearest: product:" : ", product:") << key;
        out << "\n";
    }
    if (result.code_card) print_code_card(*result.code_card, out);
    int rank = 0;
    for (const SearchHit& hit : result.hits) {
        out << "\n" << ++rank << ". " << hit.title << "  [" << hit.id << "]  score " << hit.score;
        if (!hit.date.empty()) out << "  " << hit.date.substr(0, 10);
        if (hit.similar > 0) out << "  (+" << hit.similar << " similar)";
        out << "\n";
        if (!hit.products.empty()) {
            out << "   product:";
            for (const auto& p : hit.products) out << (&p == &hit.products.front() ? " " : " | ") << p;
            out << "\n";
        }
        if (!hit.error_codes.empty()) {
            out << "   codes:";
            for (const auto& c : hit.error_codes) out << " " << c;
            out << "\n";
        }
        if (!hit.matched.empty() || !hit.shared_codes.empty()) {
            out << "   shared:";
            for (const auto& c : hit.shared_codes) out << " " << c;
            for (const auto& w : hit.matched) out << " " << w;
            out << "\n";
        }
        out << indent(terminal_text(hit.snippet, bold), "   ") << "\n";
        if (hit.answer) {
            // The copy text, what a moderator pastes: no placeholder, no thread-specific opener.
            out << "   Answer (" << hit.answer->why << (hit.answer->ai ? "; AI-generated" : "") << "):\n";
            std::string text = hit.answer->copy;
            if (text.size() > 600) text = text.substr(0, text.rfind(' ', 600)) + " …";
            if (!text.empty()) out << indent(text, "     ") << "\n";
            if (hit.answer->copy != hit.answer->text)
                out << "     ("
                    << (text.empty() ? "nothing to copy: every sentence held" : "left out: sentences holding")
                    << " removed personal data or speaking to the asker alone; --json has the full text)\n";
        } else {
            out << "   (no answer yet)\n";
        }
    }
}

// As --json rounds answer scores, so the two read alike.
std::string four_decimals(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value);
    return text;
}

// Each answer with where it comes from and, indented, its copy text whole: what a moderator pastes.
void print_answers(const AnswersResult& result, std::ostream& out) {
    out << result.answers.size() << (result.answers.size() == 1 ? " answer" : " answers") << " from " << result.threads
        << (result.threads == 1 ? " thread" : " threads");
    if (result.corrected)
        out << " for \"" << printable(*result.suggestion) << "\" (nothing matched \"" << printable(result.query)
            << "\")";
    out << "\n";
    if (result.suggestion && !result.corrected) out << "Did you mean: " << printable(*result.suggestion) << "\n";
    int rank = 0;
    for (const AnswerHit& hit : result.answers) {
        out << "\n"
            << ++rank << ". score " << four_decimals(hit.score) << "  " << hit.thread_title << "  [" << hit.thread_id
            << "]\n";
        out << "   " << hit.answer.role_name << (hit.canonical ? ", canonical" : "")
            << (hit.answer.accepted ? ", accepted" : "") << "\n";
        if (hit.answer.copy.empty())
            out << "     (nothing to copy: every sentence held removed personal data or spoke to the asker alone)\n";
        else
            out << indent(hit.answer.copy, "     ") << "\n";
    }
}

// std::clog says nothing while this lives.
class ClogSilenced {
  public:
    ClogSilenced() : saved_(std::clog.rdbuf(nullptr)) {}
    ~ClogSilenced() { std::clog.rdbuf(saved_); }
    ClogSilenced(const ClogSilenced&) = delete;
    ClogSilenced& operator=(const ClogSilenced&) = delete;

  private:
    std::streambuf* saved_;
};

// The searcher on `db`. A Searcher logs a damaged index on std::clog for a server's log; the
// CLI says it once, as the error main prints, so that line is not printed here.
Searcher open_searcher(const std::string& db) {
    const ClogSilenced quiet;
    return Searcher(db);
}

}  // namespace

void add_search_command(CLI::App& app, Action& run) {
    struct Options {
        std::string db;
        bool json = false;
        bool every_duplicate = false;
        bool accepted_only = false;
        std::string sort = "relevance";
        int limit = 10;
        int offset = 0;
        std::vector<std::string> products;
        std::vector<std::string> words;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd =
        app.add_subcommand("search", "Search the index and print ranked threads with their canonical answer");
    cmd->add_option("--db", o->db, "Index directory")->required();
    cmd->add_flag("--json", o->json, "Print one JSON object");
    cmd->add_option("--limit", o->limit, "Number of results")->check(whole_number(0, kMaxLimit));
    cmd->add_option("--offset", o->offset, "Results to skip")->check(whole_number(0, kMaxOffset));
    // One value per --product: CLI11 lets a vector option swallow the words after it, so
    // "--product Teams sign in" would filter on products "Teams" and "sign".
    cmd->add_option("--product", o->products, "Only threads of this product (repeat the option for more)")
        ->allow_extra_args(false);
    cmd->add_flag("--every-duplicate", o->every_duplicate,
                  "List every thread of a duplicate group, not only its best match with a count of the others");
    cmd->add_flag("--accepted-only", o->accepted_only, "Only threads with an accepted answer");
    cmd->add_option("--sort", o->sort, "relevance (the default) or newest: newest thread first among the matches")
        ->check(CLI::IsMember({"relevance", "newest"}));
    cmd->add_option("QUERY", o->words, "Query words; also \"phrases\", -word, product:X, code:X")->required();
    cmd->callback([o, &run] {
        run = [o] {
            Searcher searcher = open_searcher(o->db);
            SearchRequest request;
            for (const auto& w : o->words) request.query += (request.query.empty() ? "" : " ") + w;
            request.limit = o->limit;
            request.offset = o->offset;
            request.products = o->products;
            request.collapse = !o->every_duplicate;
            request.accepted_only = o->accepted_only;
            request.sort = o->sort == "newest" ? SortOrder::Newest : SortOrder::Relevance;
            const SearchResult result = searcher.search(request);
            if (o->json) {
                std::cout << dump(search_body(result), 2) << "\n";
            } else {
                print_text(result, std::cout, isatty(STDOUT_FILENO) == 1);
            }
            return 0;
        };
    });
}

void add_answers_command(CLI::App& app, Action& run) {
    struct Options {
        std::string db;
        bool json = false;
        AnswersRequest request;
        std::vector<std::string> words;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "answers", "Print the best answers for a new question across its best threads, each ready to paste");
    cmd->add_option("--db", o->db, "Index directory")->required();
    cmd->add_flag("--json", o->json, "Print one JSON object");
    cmd->add_option("--limit", o->request.search.limit, "Number of answers")->check(whole_number(1, kMaxLimit));
    cmd->add_option("--threads", o->request.threads, "Draw the answers from this many of the best threads")
        ->check(whole_number(1, kMaxAnswerThreads));
    // One value per --product, as for search: the words after it stay the query.
    cmd->add_option("--product", o->request.search.products, "Only threads of this product (repeat for more)")
        ->allow_extra_args(false);
    cmd->add_flag("--accepted-only", o->request.search.accepted_only, "Only threads with an accepted answer");
    cmd->add_option("QUERY", o->words, "The question, or words; also \"phrases\", -word, product:X, code:X")
        ->required();
    cmd->callback([o, &run] {
        run = [o] {
            Searcher searcher = open_searcher(o->db);
            AnswersRequest request = o->request;
            for (const auto& w : o->words) request.search.query += (request.search.query.empty() ? "" : " ") + w;
            const AnswersResult result = searcher.answers(request);
            if (o->json)
                std::cout << dump(to_json(result), 2) << "\n";
            else
                print_answers(result, std::cout);
            return 0;
        };
    });
}

void add_similar_command(CLI::App& app, Action& run) {
    struct Options {
        std::string db;
        bool json = false;
        int limit = 5;
        std::string file;
        std::vector<std::string> words;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("similar",
                                       "Find threads a draft question duplicates (text from arguments, "
                                       "--file, or standard input)");
    cmd->add_option("--db", o->db, "Index directory")->required();
    cmd->add_flag("--json", o->json, "Print one JSON object");
    cmd->add_option("--limit", o->limit, "Number of results")->check(whole_number(1, kMaxLimit));
    cmd->add_option("--file", o->file, "Read the draft from this file ('-' for standard input)");
    cmd->add_option("TEXT", o->words, "Draft text");
    cmd->callback([o, &run] {
        run = [o] {
            std::string draft;
            for (const auto& w : o->words) draft += (draft.empty() ? "" : " ") + w;
            if (o->file == "-" || (draft.empty() && o->file.empty())) {
                draft.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            } else if (!o->file.empty()) {
                std::ifstream in(o->file);
                if (!in) throw Error("cannot read " + o->file);
                draft.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            }
            Searcher searcher = open_searcher(o->db);
            const SearchResult result = searcher.similar(draft, o->limit);
            if (o->json)
                std::cout << dump(similar_body(result), 2) << "\n";
            else
                print_text(result, std::cout, isatty(STDOUT_FILENO) == 1);
            return 0;
        };
    });
}

}  // namespace kb::cli

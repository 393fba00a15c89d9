// kbsearch_http_latency: /api/search latency over one keep-alive client, for each query of the
// query file (partial=1 for the partial kind), beside the server's own took_ms; /api/similar for
// the drafts; and with --answers, /api/answers for each query typed whole (not the partial kind),
// so the answers stage's cost reads beside the search it starts with. One untimed warm-up pass
// first. Any answer but 200 stops it: a failure is never timed.
//   kbsearch_http_latency --url http://127.0.0.1:PORT --queries FILE [--drafts FILE] [--answers] [--passes 1]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>

#include "bench/bench_query.h"
#include "bench/latency_summary.h"
#include "indexer/text/errors.h"

using namespace kb::bench;
using Clock = std::chrono::steady_clock;

namespace {

std::string percent_encoded(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

struct Timed {
    double ms = 0;
    double took_ms = 0;
    bool empty = false;
};

[[noreturn]] void fail(const std::string& what, const httplib::Result& res) {
    std::string detail = res ? "status " + std::to_string(res->status) + ": " + res->body.substr(0, 300)
                             : "no response (" + httplib::to_string(res.error()) + ")";
    throw kb::Error(what + ": " + detail);
}

Timed timed_reply(const std::string& what, const httplib::Result& res, Clock::time_point started) {
    Timed t;
    t.ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    if (!res || res->status != 200) fail(what, res);
    const nlohmann::json body = nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object() || !body.contains("took_ms")) fail(what + " (no took_ms in the reply)", res);
    t.took_ms = body["took_ms"].get<double>();
    if (const auto hits = body.find("hits"); hits != body.end() && hits->is_array()) t.empty = hits->empty();
    if (const auto answers = body.find("answers"); answers != body.end() && answers->is_array())
        t.empty = answers->empty();
    return t;
}

struct Draft {
    std::string title, text;
};

std::vector<Draft> read_drafts(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw kb::Error("cannot read drafts file " + file);
    std::vector<Draft> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        out.push_back({j.value("title", ""), j.value("text", "")});
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kbsearch_http_latency: /api/search and /api/similar latency over one keep-alive connection"};
    std::string url, queries_file, drafts_file;
    int passes = 1;
    bool with_answers = false;
    app.add_option("--url", url, "Server, e.g. http://127.0.0.1:8080")->required();
    app.add_option("--queries", queries_file, "Query file (kind<TAB>query)")->required();
    app.add_option("--drafts", drafts_file, "Drafts (JSON lines {title, text}) for /api/similar");
    app.add_option("--passes", passes, "Timed passes after the warm-up pass")->capture_default_str();
    app.add_flag("--answers", with_answers, "Also time /api/answers for each query typed whole");
    CLI11_PARSE(app, argc, argv);
    try {
        const std::vector<BenchQuery> queries = read_query_file(queries_file);
        const std::vector<Draft> drafts = drafts_file.empty() ? std::vector<Draft>{} : read_drafts(drafts_file);
        httplib::Client client(url);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        client.set_read_timeout(60, 0);
        // Called once per socket the client opens: how often the one connection had to be reopened.
        std::size_t connections = 0, requests = 0;
        client.set_socket_options([&connections](socket_t sock) {
            ++connections;
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });

        LatencySummary search, search_took, similar, similar_took, answers, answers_took;
        for (int pass = 0; pass <= passes; ++pass) {  // pass 0 warms up and is not recorded
            for (const BenchQuery& q : queries) {
                const std::string path = "/api/search?q=" + percent_encoded(q.text) + "&limit=10" +
                                         (q.kind == "partial" ? "&partial=1" : "");
                const auto started = Clock::now();
                const httplib::Result res = client.Get(path);
                const Timed t = timed_reply("/api/search, " + q.kind + " query '" + q.text + "'", res, started);
                ++requests;
                if (pass == 0) continue;
                search.add(q.kind, t.ms, t.empty);
                search_took.add(q.kind, t.took_ms, t.empty);
            }
            for (const BenchQuery& q : queries) {
                if (!with_answers || q.kind == "partial") continue;
                const std::string path = "/api/answers?q=" + percent_encoded(q.text) + "&limit=10";
                const auto started = Clock::now();
                const httplib::Result res = client.Get(path);
                const Timed t = timed_reply("/api/answers, " + q.kind + " query '" + q.text + "'", res, started);
                ++requests;
                if (pass == 0) continue;
                answers.add(q.kind, t.ms, t.empty);
                answers_took.add(q.kind, t.took_ms, t.empty);
            }
            for (const Draft& d : drafts) {
                const std::string body = nlohmann::json{{"title", d.title}, {"text", d.text}, {"limit", 10}}.dump();
                const auto started = Clock::now();
                const httplib::Result res = client.Post("/api/similar", body, "application/json");
                const Timed t = timed_reply("/api/similar, draft '" + d.title + "'", res, started);
                ++requests;
                if (pass == 0) continue;
                similar.add("draft", t.ms, t.empty);
                similar_took.add("draft", t.took_ms, t.empty);
            }
        }
        search.print(std::cout, "http route=search");
        search_took.print(std::cout, "took route=search");
        if (with_answers) {
            answers.print(std::cout, "http route=answers");
            answers_took.print(std::cout, "took route=answers");
        }
        if (!drafts.empty()) {
            similar.print(std::cout, "http route=similar");
            similar_took.print(std::cout, "took route=similar");
        }
        std::printf("connections opened=%zu requests=%zu\n", connections, requests);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "kbsearch_http_latency: " << e.what() << "\n";
        return 1;
    }
}

// HttpServer: the JSON API and the web/ folder over cpp-httplib. It only translates: parameters
// in, a Searcher call, a status and JSON out. Errors are mapped to statuses in one function.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/text/pii_scrubber.h"
#include "server/http/connection_limits.h"
#include "server/http/metrics.h"
#include "server/http/searcher_pool.h"
#include "server/http/static_files.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace kb {

struct ServerOptions {
    std::filesystem::path db;
    std::filesystem::path web_dir;  // static files served at "/"; empty for none
    std::string host = "127.0.0.1";
    int port = 8080;          // 0 picks a free port
    std::size_t threads = 8;  // searches at once, each with its own index handle
    // Requests answered at once, one worker thread each. A connection waiting for its request
    // (idle, or sending it slowly) is held by the poller, not a thread, nor a searcher.
    std::size_t connections = 64;
    // What one client may hold of the server: request deadline, idle time, header sizes,
    // connections in all and per address, and the line of requests waiting for a worker.
    ConnectionLimits limits;
    // A draft is at most kMaxDraftBytes of text; its JSON, escapes and all, fits well in this.
    std::size_t max_body_bytes = 256 * 1024;
    bool log_requests = true;  // method, path, status, ms on stderr: never query text
    // Host header names answered besides loopback's (localhost, 127.0.0.1, ::1) and --host's;
    // "*" answers any. Others get a 403, so a DNS-rebinding page cannot read the API.
    std::vector<std::string> allowed_hosts;
    // Origins whose pages may call the API from the browser (CORS, preflight included), such
    // as the team's own help site: "https://help.example.com"; "*" allows any. None by default.
    std::vector<std::string> cors_origins;
    // Where the community takes new questions (http or https): the page's writers' view links
    // to it once a draft has no duplicate. Empty: no link.
    std::string ask_url;
    // While a remote shard is down, searches answer from the others, marked partial with the
    // shard named, instead of 503 shard_unavailable.
    bool partial_results = false;
    // How long one search, similar or answers request may spend matching; past it, the request
    // answers with the best matches found so far, marked timed_out, and its worker is free for
    // the next client. 0: no limit.
    std::chrono::microseconds search_budget{1'000'000};
    // Memory for answers to searches already run on the index as it is (0: none). Any change to
    // the index empties it; answers cut by the time budget or missing a shard are not kept.
    std::size_t cache_bytes = 64 * 1024 * 1024;
};

class HttpServer {
  public:
    explicit HttpServer(ServerOptions options);
    ~HttpServer();

    // Binds the socket; returns the port. Throws Error when it cannot bind.
    int bind();
    // Serves until stop(); blocks the calling thread.
    void listen();
    void stop();
    bool is_running() const;

  private:
    enum class Method { Get, Post };
    using Handle = void (HttpServer::*)(const httplib::Request&, httplib::Response&);
    // One row per route. Logs and metrics take their label from here, so no route can be served
    // without being counted under its own name, and no second list of names can drift.
    struct Route {
        Method method;
        std::string_view pattern;  // as httplib takes it: a regex when it has a capture group
        std::string_view label;    // what logs and metrics show instead of the path
        Handle handle;
    };
    static std::span<const Route> routes();
    static const Route* route_of(std::string_view path);  // null: not an API route
    static std::string label_of(const httplib::Request& req);

    void register_routes();
    void handle_search(const httplib::Request& req, httplib::Response& res);
    void handle_answers(const httplib::Request& req, httplib::Response& res);
    void handle_suggest(const httplib::Request& req, httplib::Response& res);
    void handle_thread(const httplib::Request& req, httplib::Response& res);
    void handle_similar(const httplib::Request& req, httplib::Response& res);
    void handle_health(const httplib::Request& req, httplib::Response& res);
    void handle_errors(const httplib::Request& req, httplib::Response& res);
    void handle_config(const httplib::Request& req, httplib::Response& res);
    void handle_openapi(const httplib::Request& req, httplib::Response& res);
    // The request's Origin when --cors-origin allows it, else empty.
    std::string allowed_origin(const httplib::Request& req) const;
    // Library text bound for the log, with any PII in it scrubbed (PiiScrubber is const-safe).
    std::function<std::string(std::string_view)> scrub_for_log() const;
    void handle_metrics(const httplib::Request& req, httplib::Response& res);
    void handle_static(const httplib::Request& req, httplib::Response& res);
    bool host_allowed(const httplib::Request& req) const;

    ServerOptions options_;
    SearcherPool searchers_;
    Metrics metrics_;
    PiiScrubber scrubber_;
    std::optional<StaticFiles> web_;
    std::unique_ptr<httplib::Server> http_;
};

}  // namespace kb

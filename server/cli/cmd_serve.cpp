// `kbsearch serve`: the HTTP API and the web page until SIGINT or SIGTERM.
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "server/cli/commands.h"
#include "server/http/http_server.h"

namespace kb::cli {

namespace {

// The signal handler may only touch an atomic; a watcher thread does the stopping.
volatile std::sig_atomic_t stop_requested = 0;
extern "C" void on_stop_signal(int) { stop_requested = 1; }

// web/ in the working directory, else the web/ beside the build folder this binary is in, so
// `serve` works from anywhere in a checkout.
std::filesystem::path default_web_dir() {
    std::error_code ec;
    if (std::filesystem::is_directory("web", ec)) return "web";
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto beside = exe.parent_path().parent_path() / "web";
        if (std::filesystem::is_directory(beside, ec)) return beside;
    }
    return "web";  // not found: the server says so
}

}  // namespace

void add_serve_command(CLI::App& app, Action& run) {
    auto options = std::make_shared<ServerOptions>();
    auto db = std::make_shared<std::string>();
    auto web = std::make_shared<std::string>("web");
    CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API and the web page");
    cmd->add_option("--db", *db, "Index directory")->required();
    cmd->add_option("--host", options->host, "Address to bind (loopback by default)")->capture_default_str();
    cmd->add_option("--port", options->port, "Port; 0 picks a free one")
        ->check(whole_number(0, 65535))
        ->capture_default_str();
    cmd->add_option("--web", *web, "Folder of static files served at /; empty for none")->capture_default_str();
    cmd->add_option("--threads", options->threads, "Searches at once, each with its own index handle")
        ->check(whole_number(1, 256))
        ->capture_default_str();
    cmd->add_option("--connections", options->connections,
                    "Requests answered at once, one worker thread each (at least --threads); connections waiting "
                    "for a request hold no thread")
        ->check(whole_number(1, 4096))
        ->capture_default_str();
    // The per-client bounds (ConnectionLimits): what one client may hold of the server.
    auto request_timeout =
        std::make_shared<double>(std::chrono::duration<double>(options->limits.request_timeout).count());
    auto idle_timeout = std::make_shared<double>(std::chrono::duration<double>(options->limits.idle_timeout).count());
    cmd->add_option("--request-timeout", *request_timeout,
                    "Seconds a request may take to arrive whole, head and body, however slowly it is sent")
        ->check(CLI::Range(0.1, 3600.0))
        ->capture_default_str();
    cmd->add_option("--idle-timeout", *idle_timeout,
                    "Seconds a connection may wait for its next (or first) request before it is closed")
        ->check(CLI::Range(0.1, 3600.0))
        ->capture_default_str();
    cmd->add_option("--max-header-bytes", options->limits.max_header_bytes,
                    "Bytes of request headers in all; more gets 431 (one line: at most 8 KB)")
        ->check(whole_number(1024, 1024 * 1024))
        ->capture_default_str();
    cmd->add_option("--max-headers", options->limits.max_headers, "Request header lines; more gets 431")
        ->check(whole_number(8, 10000))
        ->capture_default_str();
    cmd->add_option("--max-connections", options->limits.max_connections,
                    "Connections open at once, all clients together; more get 503 (kept below the process's open "
                    "file limit)")
        ->check(whole_number(1, 1000000))
        ->capture_default_str();
    cmd->add_option("--max-connections-per-client", options->limits.max_connections_per_client,
                    "Connections one client address may hold open; more get 503 (0: no limit; raise it behind a "
                    "reverse proxy, whose address every client then has)")
        ->check(whole_number(0, 100000))
        ->capture_default_str();
    cmd->add_option("--accept-queue", options->limits.accept_queue,
                    "Requests read whole that wait while every worker thread is busy; past it, 503 with Retry-After")
        ->check(whole_number(0, 100000))
        ->capture_default_str();
    cmd->add_option("--allowed-host", options->allowed_hosts,
                    "Host header name to answer besides loopback's (repeatable; * for any), e.g. the name a "
                    "proxy or the LAN reaches this server by");
    cmd->add_option("--ask-url", options->ask_url,
                    "Where the community takes new questions; the writers' view links to it when a draft has no "
                    "duplicate")
        ->check([](const std::string& url) {
            return url.starts_with("https://") || url.starts_with("http://")
                       ? std::string()
                       : "'" + url + "' is not an http or https address";
        });
    cmd->add_option("--cors-origin", options->cors_origins,
                    "Origin whose pages may call the API from a browser (repeatable; * for any), e.g. "
                    "https://help.example.com; none by default");
    auto search_budget = std::make_shared<std::int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(options->search_budget).count());
    cmd->add_option("--search-budget-ms", *search_budget,
                    "Milliseconds one search may spend matching; past it, it answers with the best matches found "
                    "so far, marked timed_out (0: no limit)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{600000}))
        ->capture_default_str();
    auto cache_mb = std::make_shared<std::size_t>(options->cache_bytes / (1024 * 1024));
    cmd->add_option("--cache-mb", *cache_mb,
                    "Megabytes for answers to searches already run on the index as it is; any change to the index "
                    "empties it (0: no cache)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{65536}))
        ->capture_default_str();
    cmd->add_flag("--partial-results", options->partial_results,
                  "While a remote shard is down, answer from the others (marked partial, the shard named) "
                  "instead of 503 shard_unavailable");
    cmd->add_flag(
        "--quiet", [options](std::int64_t) { options->log_requests = false; }, "Do not log requests");
    cmd->callback([options, db, web, request_timeout, idle_timeout, search_budget, cache_mb, cmd, &run] {
        const bool web_given = cmd->count("--web") > 0;
        run = [options, db, web, web_given, request_timeout, idle_timeout, search_budget, cache_mb] {
            options->db = *db;
            options->cache_bytes = *cache_mb * 1024 * 1024;
            options->search_budget = std::chrono::milliseconds(*search_budget);
            const auto ms = [](double seconds) { return std::chrono::milliseconds(std::llround(seconds * 1000)); };
            options->limits.request_timeout = ms(*request_timeout);
            options->limits.idle_timeout = ms(*idle_timeout);
            options->web_dir = web_given ? std::filesystem::path(*web) : default_web_dir();
            HttpServer server(*options);
            const int port = server.bind();
            std::signal(SIGINT, on_stop_signal);
            std::signal(SIGTERM, on_stop_signal);
            std::thread watcher([&server] {
                while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
                server.stop();
            });
            std::cout << "listening on http://" << options->host << ":" << port << "/" << std::endl;
            server.listen();
            stop_requested = 1;
            watcher.join();
            return 0;
        };
    });
}

}  // namespace kb::cli

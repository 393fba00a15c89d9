#include "server/http/http_server.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include <httplib.h>
#include <malloc.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <xapian.h>

#include "indexer/schema/index_layout.h"
#include "indexer/schema/keys.h"
#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"
#include "server/http/api_errors.h"
#include "server/http/bounded_server.h"
#include "server/http/http_params.h"
#include "server/http/log_text.h"
#include "server/http/openapi_document.h"
#include "server/search/result_json.h"

namespace kb {

using nlohmann::json;

namespace {

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(dump(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, const ApiError& error, const std::string& message) {
    send_json(res, error.status, api_errors::body(error, message));
}

// Requests with a body larger than this return their memory to the system when done.
constexpr std::size_t kTrimAfterBodyBytes = 4 * 1024;

thread_local std::optional<std::chrono::steady_clock::time_point> request_started;
thread_local double request_ms = 0;

// The connection ends after this answer (its body, if any, is left unread). httplib says so
// itself when the client asked to close, so the header is not written twice.
void close_after(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Connection") != "close") res.set_header("Connection", "close");
}

QueryParams params_of(const httplib::Request& req) { return QueryParams(req.params.begin(), req.params.end()); }

// The one place library errors become HTTP statuses and codes. A 500 is a bug to fix. Messages
// are ours: a library's own text (Xapian's, the JSON parser's) goes to the log, scrubbed by
// `scrub`, never to the client.
// `message` with the index folder's absolute path on this machine left out (an index error
// names a file by its place in the index: "gen-…/postlist.glass"); clients are told what, not
// where. A path as the operator gave it, relative, says nothing of the machine and stays.
std::string without_index_path(const std::string& message, const std::filesystem::path& index_dir) {
    std::error_code ec;
    const std::string folder = std::filesystem::absolute(index_dir, ec).lexically_normal().string();
    if (ec || folder.size() < 2) return message;
    std::string out;
    std::size_t from = 0;
    for (std::size_t at; (at = message.find(folder, from)) != std::string::npos;) {
        out.append(message, from, at - from);
        from = at + folder.size();
        if (from < message.size() && message[from] == '/') {
            ++from;  // a file inside: named from the index folder down
        } else {
            out += "the index folder";
        }
    }
    return out + message.substr(from);
}

void send_exception(httplib::Response& res, std::exception_ptr error,
                    const std::function<std::string(std::string_view)>& scrub, const std::filesystem::path& index_dir) {
    const auto log = [&](std::string_view what, const std::string& detail) {
        std::ostringstream line;  // one write, so workers' lines do not interleave
        line << log_safe(std::string(what) + ": " + scrub(detail.substr(0, 400))) << "\n";
        std::clog << line.str() << std::flush;
    };
    try {
        std::rethrow_exception(error);
    } catch (const QueryError& e) {
        send_error(res, api_errors::for_problem(e.problem()), e.what());
    } catch (const Xapian::QueryParserError& e) {
        send_error(res, api_errors::kInvalidQuery, "cannot parse the query: check its quotes, brackets and operators");
    } catch (const NotFoundError& e) {
        send_error(res, api_errors::kThreadNotFound, e.what());
    } catch (const OverloadedError& e) {
        send_error(res, api_errors::kOverloaded, e.what());
        res.set_header("Retry-After", "1");
    } catch (const ShardUnavailableError& e) {
        send_error(res, api_errors::kShardUnavailable, e.what());
        res.set_header("Retry-After", "1");
    } catch (const IndexError& e) {
        send_error(res, api_errors::kIndexUnavailable, without_index_path(e.what(), index_dir));
    } catch (const Xapian::NetworkError& e) {
        // Twice in a row, with a fresh connection the second time: the shard went down.
        log("a shard stopped answering (" + std::string(e.get_type()) + ")", e.get_msg());
        send_error(res, api_errors::kShardUnavailable, "a shard of the index stopped answering; try again shortly");
        res.set_header("Retry-After", "1");
    } catch (const Xapian::DatabaseError& e) {
        log("index unavailable (" + std::string(e.get_type()) + ")", e.get_msg());
        send_error(res, api_errors::kIndexUnavailable, "the index cannot be read just now; try again shortly");
    } catch (const Xapian::Error& e) {
        log("search engine error (" + std::string(e.get_type()) + ")", e.get_msg());
        send_error(res, api_errors::kInternal, "the search engine failed on this request");
    } catch (const std::exception& e) {
        log("internal error", e.what());
        send_error(res, api_errors::kInternal, "the server failed on this request");
    }
}

// A file's bytes hashed, in hex: the static files' entity tag.
std::string content_hash(std::string_view bytes) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(stable_hash(bytes)));
    return hex;
}

std::string iso_time(std::filesystem::file_time_type t) {
    const auto system = std::chrono::file_clock::to_sys(t);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(system);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

// On every response, errors included (those BoundedServer answers itself too). The page loads
// only its own scripts, styles and API.
const httplib::Headers& security_headers() {
    static const httplib::Headers headers{
        {"X-Content-Type-Options", "nosniff"},
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    };
    return headers;
}

}  // namespace

HttpServer::HttpServer(ServerOptions options)
    : options_(std::move(options)),
      // Every connection thread may wait its turn (a full set of keep-alive clients is served,
      // not refused); none waits longer than 2 s.
      searchers_(options_.db, options_.threads, std::chrono::seconds(2),
                 std::max(options_.connections, std::max<std::size_t>(options_.threads, 1)), options_.partial_results,
                 options_.search_budget, options_.cache_bytes) {
    // Requests BoundedServer answers itself (limits, framing, a full server) are logged and
    // counted too, under one label: they never reached a route.
    http_ = std::make_unique<BoundedServer>(
        options_.limits, std::max(options_.connections, std::max<std::size_t>(options_.threads, 1)),
        options_.max_body_bytes, security_headers(), [this](const ApiError& error) {
            metrics_.record("refused", error.status, 0);
            if (options_.log_requests)
                std::clog << "- refused " + std::to_string(error.status) + " 0.00ms\n" << std::flush;
        });
    // httplib's default sets SO_REUSEPORT, which lets a second server bind a port in use and
    // take half its requests; SO_REUSEADDR alone still allows a quick restart.
    http_->set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Headers and body go out in separate writes: without NODELAY each response waits ~40 ms
    // for the client's delayed ACK.
    http_->set_tcp_nodelay(true);
    if (!options_.web_dir.empty()) web_.emplace(options_.web_dir);
    register_routes();
}

HttpServer::~HttpServer() = default;

std::span<const HttpServer::Route> HttpServer::routes() {
    static constexpr Route kRoutes[] = {
        {Method::Get, "/api/search", "/api/search", &HttpServer::handle_search},
        {Method::Get, "/api/answers", "/api/answers", &HttpServer::handle_answers},
        {Method::Get, "/api/suggest", "/api/suggest", &HttpServer::handle_suggest},
        {Method::Get, R"(/api/threads/(.+))", "/api/threads/{id}", &HttpServer::handle_thread},
        {Method::Post, "/api/similar", "/api/similar", &HttpServer::handle_similar},
        {Method::Get, "/api/health", "/api/health", &HttpServer::handle_health},
        {Method::Get, "/api/errors", "/api/errors", &HttpServer::handle_errors},
        {Method::Get, "/api/config", "/api/config", &HttpServer::handle_config},
        {Method::Get, "/api/openapi.json", "/api/openapi.json", &HttpServer::handle_openapi},
        {Method::Get, "/metrics", "/metrics", &HttpServer::handle_metrics},
    };
    return kRoutes;
}

// Requests are logged and counted by route label, so ids and made-up paths (which may carry PII)
// never become log text or metric labels, and the label set stays fixed. A route claims its
// path whatever the method (POST /api/search is that route's 405), and a pattern with a capture
// claims everything under its literal prefix, even paths it then rejects: /api/threads/a/b is
// counted as a thread lookup gone wrong, not as some other API.
// One trailing slash is the same path (/api/health/ is /api/health), as people type it.
const HttpServer::Route* HttpServer::route_of(std::string_view path) {
    if (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
    for (const Route& route : routes()) {
        const std::size_t capture = route.pattern.find('(');
        if (capture == std::string_view::npos ? path == route.pattern
                                              : path.starts_with(route.pattern.substr(0, capture)))
            return &route;
    }
    return nullptr;
}

std::string HttpServer::label_of(const httplib::Request& req) {
    if (const Route* route = route_of(req.path)) return std::string(route->label);
    if (req.path.starts_with("/api/")) return "/api/other";
    return "static";
}

void HttpServer::handle_search(const httplib::Request& req, httplib::Response& res) {
    const SearchRequest request = search_request_from(params_of(req));
    auto searcher = searchers_.borrow();
    send_json(res, 200, search_body(searcher->search(request)));
}

void HttpServer::handle_answers(const httplib::Request& req, httplib::Response& res) {
    const AnswersRequest request = answers_request_from(params_of(req));
    auto searcher = searchers_.borrow();
    send_json(res, 200, to_json(searcher->answers(request)));
}

void HttpServer::handle_suggest(const httplib::Request& req, httplib::Response& res) {
    const SuggestRequest request = suggest_request_from(params_of(req));
    auto searcher = searchers_.borrow();
    send_json(
        res, 200,
        json{{"query", request.query}, {"completions", to_json(searcher->suggest(request.query, request.limit))}});
}

void HttpServer::handle_thread(const httplib::Request& req, httplib::Response& res) {
    expect_no_params(params_of(req));
    auto searcher = searchers_.borrow();
    const ThreadRecord record = searcher->thread(req.matches[1].str());
    json body = to_json(record);
    json related = json::array();
    for (const SearchHit& hit : searcher->threads_with_codes(record.codes, record.thread.id, 5))
        related.push_back(to_json(hit));
    body["related"] = std::move(related);
    json duplicates = json::array();
    for (const SearchHit& hit : searcher->duplicates_of(record, 10)) duplicates.push_back(to_json(hit));
    body["duplicates"] = std::move(duplicates);
    send_json(res, 200, body);
}

void HttpServer::handle_similar(const httplib::Request& req, httplib::Response& res) {
    const SimilarRequest request = similar_request_from(req.body);
    auto searcher = searchers_.borrow();
    send_json(res, 200, similar_body(searcher->similar(request.text, request.limit)));
}

void HttpServer::handle_health(const httplib::Request& req, httplib::Response& res) {
    expect_no_params(params_of(req));
    json body{{"status", "ok"}, {"generation", nullptr}, {"documents", nullptr}, {"built", nullptr}};
    int status = 200;
    // Health reads the index as a search would, so it is 503 whenever searches cannot be
    // answered; it names the folder by its generation only, never by its path on the machine.
    try {
        auto searcher = searchers_.borrow();
        std::error_code ec;
        const auto stub = stub_path(searcher->path());
        const auto built =
            std::filesystem::last_write_time(std::filesystem::exists(stub, ec) ? stub : searcher->path(), ec);
        body["generation"] = searcher->generation();
        body["documents"] = searcher->document_count();
        body["built"] = ec ? json(nullptr) : json(iso_time(built));
        if (!searcher->missing_shards().empty()) body["status"] = "degraded";
    } catch (const IndexError& e) {
        status = 503;
        body["status"] = "unavailable";
        body["message"] = without_index_path(e.what(), options_.db);
    } catch (const Xapian::Error& e) {
        status = 503;
        body["status"] = "unavailable";
        body["message"] = "the index cannot be read just now (" + std::string(e.get_type()) + ")";
    }
    json shards = json::array();
    const auto now = ShardHealth::Clock::now();
    for (const ShardHealth::State& state : searchers_.shard_health().states()) {
        json shard{{"shard", state.shard}, {"state", state.up ? "up" : "down"}};
        if (!state.up) {
            shard["error"] = state.error;
            shard["down_seconds"] = std::chrono::duration<double>(now - state.since).count();
        }
        shards.push_back(std::move(shard));
    }
    body["shards"] = std::move(shards);
    send_json(res, status, body);
}

void HttpServer::handle_errors(const httplib::Request& req, httplib::Response& res) {
    expect_no_params(params_of(req));
    send_json(res, 200, api_errors::listing());
}

void HttpServer::handle_config(const httplib::Request& req, httplib::Response& res) {
    expect_no_params(params_of(req));
    // The scrubber's placeholders are published, not copied into the page, so the two cannot drift.
    json placeholders = json::array();
    for (std::string_view p : PiiScrubber::placeholders()) placeholders.push_back(p);
    send_json(res, 200,
              json{{"ask_url", options_.ask_url.empty() ? json(nullptr) : json(options_.ask_url)},
                   {"placeholders", std::move(placeholders)}});
}

void HttpServer::handle_openapi(const httplib::Request& req, httplib::Response& res) {
    expect_no_params(params_of(req));
    res.set_content(std::string(openapi_document()), "application/json");
}

std::function<std::string(std::string_view)> HttpServer::scrub_for_log() const {
    return [this](std::string_view text) { return scrubber_.scrub(text); };
}

void HttpServer::handle_metrics(const httplib::Request&, httplib::Response& res) {
    IndexGauges index;
    // Metrics are read most when something is wrong: an index or shard that cannot be read
    // shows in the gauges (no documents, the shard down), not as a failed scrape.
    try {
        auto searcher = searchers_.borrow();
        index.documents = searcher->document_count();
        std::error_code ec;
        const auto published = std::filesystem::last_write_time(stub_path(searcher->path()), ec);
        if (!ec)
            index.generation_age_seconds = std::max(
                0.0, std::chrono::duration<double>(std::filesystem::file_time_type::clock::now() - published).count());
    } catch (const IndexError&) {
        index.readable = false;
    } catch (const Xapian::Error&) {
        index.readable = false;
    }
    for (const ShardHealth::State& state : searchers_.shard_health().states()) index.shards_up[state.shard] = state.up;
    std::optional<CacheGauges> cache;
    if (const auto stats = searchers_.cache_stats())
        cache = CacheGauges{stats->hits, stats->misses, stats->entries, stats->bytes, stats->max_bytes};
    res.set_content(metrics_.prometheus_text(index, cache), "text/plain; version=0.0.4");
}

void HttpServer::handle_static(const httplib::Request& req, httplib::Response& res) {
    if (req.path.starts_with("/api/")) {
        send_error(res, api_errors::kRouteNotFound, "no such route: " + req.method + " " + req.path.substr(0, 200));
        return;
    }
    const std::optional<StaticFiles::File> file = web_->resolve(req.path);
    std::ifstream in;
    if (file) in.open(file->path, std::ios::binary);
    if (!file || !in.is_open()) {
        send_error(res, api_errors::kFileNotFound, "no such file");
        return;
    }
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The page's files keep their names from release to release, so a browser asks again each
    // time (no-cache) and gets a 304 while the file is unchanged: a strong validator from the
    // bytes themselves, which a copied folder or a rebuilt checkout keeps.
    const std::string etag = "\"" + content_hash(body) + "\"";
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
    }
    res.set_content(std::move(body), std::string(file->content_type));
}

// Loopback names, the bound address and the operator's list: a page on another origin that
// rebinds its own name to 127.0.0.1 still sends its own name, and is refused.
bool HttpServer::host_allowed(const httplib::Request& req) const {
    if (!req.has_header("Host")) return true;  // HTTP/1.0: no name a rebinding page could send
    std::string host = req.get_header_value("Host");
    if (host.starts_with('[')) {
        host = host.substr(1, host.find(']') - 1);
    } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
        host.erase(colon);
    }
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    if (host == "localhost" || host == "127.0.0.1" || host == "::1" || host == options_.host) return true;
    return std::any_of(options_.allowed_hosts.begin(), options_.allowed_hosts.end(),
                       [&](const std::string& allowed) { return allowed == "*" || iequals_ascii(allowed, host); });
}

std::string HttpServer::allowed_origin(const httplib::Request& req) const {
    if (options_.cors_origins.empty() || !req.has_header("Origin")) return {};
    const std::string origin = req.get_header_value("Origin");
    const bool allowed = std::any_of(options_.cors_origins.begin(), options_.cors_origins.end(),
                                     [&](const std::string& o) { return o == "*" || iequals_ascii(o, origin); });
    return allowed ? origin : std::string();
}

void HttpServer::register_routes() {
    httplib::Server& http = *http_;
    for (const Route& route : routes()) {
        // Xapian::Error is no std::exception, so a handler's errors are caught here, whatever
        // their type, and go through the one mapping to a status.
        httplib::Server::Handler handler = [this, handle = route.handle](const httplib::Request& req,
                                                                         httplib::Response& res) {
            try {
                try {
                    (this->*handle)(req, res);
                } catch (const Xapian::DatabaseModifiedError&) {
                    // Live updates committed twice while this request read the index: once more,
                    // on the latest revision (borrowing a searcher reopens it).
                    (this->*handle)(req, res);
                } catch (const Xapian::NetworkError&) {
                    // A remote shard dropped its connection mid-request (restarted, killed, or
                    // timed out): once more, every searcher connecting afresh; a shard that is
                    // really down is then named in a 503, or left out with --partial-results.
                    searchers_.reconnect_all();
                    (this->*handle)(req, res);
                }
            } catch (...) {
                send_exception(res, std::current_exception(), scrub_for_log(), options_.db);
            }
        };
        const std::string pattern = std::string(route.pattern) + "/?";
        switch (route.method) {
            case Method::Get:
                http.Get(pattern, std::move(handler));
                break;
            case Method::Post:
                http.Post(pattern, std::move(handler));
                break;
        }
    }

    if (web_)
        http.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { handle_static(req, res); });

    // Errors httplib answers itself (404, 414 URI too long, 413 body too large) get a JSON body too.
    // Oversized input keeps the status that says which part was too big, as clients expect.
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        const int status = res.status;
        if (status == 414 || status == 413 || status == 431) {
            const std::string what = status == 413   ? "request body is larger than the limit"
                                     : status == 414 ? "request line is too long"
                                                     : "request headers are too long";
            send_error(res, api_errors::for_status(status), what);
        } else if (status == 404) {
            send_error(res, api_errors::kRouteNotFound, "no such route: " + req.method + " " + req.path.substr(0, 200));
        } else {
            send_error(res, api_errors::for_status(status), "HTTP error " + std::to_string(status));
            res.status = status;  // the code names the kind; the status stays httplib's
        }
    });
    http.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        send_exception(res, error, scrub_for_log(), options_.db);
    });
    // Requests run start to finish on one worker thread, so the start time can live there.
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        request_started = std::chrono::steady_clock::now();
        if (!host_allowed(req)) {
            send_error(res, api_errors::kHostNotAllowed,
                       "this server does not answer for that Host; start it with --allowed-host NAME to allow a name");
            return httplib::Server::HandlerResponse::Handled;
        }
        // httplib 0.11 applies the body limit to Content-Length only; a chunked body would be
        // read whole before any check. Every client of this API knows its body's length.
        if (req.has_header("Transfer-Encoding")) {
            send_error(res, api_errors::kBadRequest,
                       "send the body with Content-Length; chunked bodies are not accepted");
            close_after(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        // CORS: an allowed origin's page may read the API's answers, errors included, and ask
        // first (a preflight) before a POST with a JSON body.
        if (const std::string origin = allowed_origin(req); !origin.empty() && req.path.starts_with("/api/")) {
            res.set_header("Access-Control-Allow-Origin", origin);
            res.set_header("Vary", "Origin");
            if (req.method == "OPTIONS" && req.has_header("Access-Control-Request-Method")) {
                const Route* route = route_of(req.path);
                res.status = 204;
                res.set_header("Access-Control-Allow-Methods",
                               route && route->method == Method::Post ? "POST" : "GET, HEAD");
                res.set_header("Access-Control-Allow-Headers", "Content-Type");
                res.set_header("Access-Control-Max-Age", "600");
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        // Answered before any body is read: httplib would otherwise read a body without a
        // length until the client closed or fell silent, holding the thread.
        if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
            send_error(res, api_errors::kMethodNotAllowed,
                       "method " + req.method.substr(0, 20) + " is not allowed; the API takes GET and POST");
            res.set_header("Allow", "GET, HEAD, POST");
            close_after(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        // A route asked with the other method is told which one it takes, before any body is read.
        if (const Route* route = route_of(req.path)) {
            const bool get = req.method == "GET" || req.method == "HEAD";
            if (get != (route->method == Method::Get)) {
                const char* allow = route->method == Method::Get ? "GET, HEAD" : "POST";
                send_error(res, api_errors::kMethodNotAllowed, std::string(route->label) + " takes " + allow);
                res.set_header("Allow", allow);
                close_after(req, res);
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        if (req.method == "POST" && !req.has_header("Content-Length")) {
            send_error(res, api_errors::kLengthRequired, "a POST needs a JSON body with Content-Length");
            close_after(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Counted before the response is written, so a client that reads /metrics right after its
    // own request sees that request; httplib calls the logger only once the body is out.
    http.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        const auto now = std::chrono::steady_clock::now();
        request_ms = request_started ? std::chrono::duration<double, std::milli>(now - *request_started).count() : 0;
        request_started.reset();
        metrics_.record(label_of(req), res.status, request_ms);
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        // A large body's parse and search are freed by now: hand the memory back to the system,
        // or a burst of big drafts would leave the server at its peak for good.
        if (req.body.size() > kTrimAfterBodyBytes) malloc_trim(0);
        if (!options_.log_requests) return;
        // Never the query string; a path is shown only as its route or scrubbed of PII.
        const std::string route = label_of(req);
        const std::string shown = route == "static" ? scrubber_.scrub(req.path.substr(0, 200)) : route;
        // One write per line, so lines from different workers never interleave.
        std::ostringstream line;
        // Escaped as a whole: a path's decoded %0a must not start a line of its own.
        line << (req.method.empty() ? "-" : req.method) << " " << (shown.empty() ? "-" : shown) << " " << res.status
             << " " << std::fixed << std::setprecision(2) << request_ms << "ms";
        std::clog << log_safe(line.str()) + "\n" << std::flush;
    });
}

int HttpServer::bind() {
    const int port = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                                        : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port < 0)
        throw Error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                    " (in use, or not an address of this machine)");
    return port;
}

void HttpServer::listen() { http_->listen_after_bind(); }
void HttpServer::stop() { http_->stop(); }
bool HttpServer::is_running() const { return http_->is_running(); }

}  // namespace kb

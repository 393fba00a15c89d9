// The server bounds every client (ConnectionLimits), tested as an attack run meets it: floods of
// headers, clients that trickle a request or its body, crowds of idle connections, requests framed
// to be read two ways, and paths that would forge a log line.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/http/log_text.h"
#include "tests/support/running_server.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::raw_exchange;
using kb::test::RunningServer;
using kb::test::TemporaryDirectory;
using Clock = std::chrono::steady_clock;

namespace {

std::filesystem::path small_index(const TemporaryDirectory& dir) {
    const auto input = dir.write(
        "threads.jsonl",
        R"({"id":"plain-1","title":"Printer prints blank pages","question":"Every page comes out blank.","answers":[]})"
        "\n");
    kb::test::build_index(dir / "db", {input});
    return dir / "db";
}

std::string status_of(const std::string& reply) { return reply.substr(0, reply.find("\r\n")); }

// A loopback connection from `source` (any of 127.0.0.0/8 is this machine), so a test can play
// several clients: the server counts connections per client address.
int connect_from(int port, const char* source, int read_timeout_ms = 2000) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<uint16_t>(port));
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0);
    timeval timeout{read_timeout_ms / 1000, (read_timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

void send_text(int fd, const std::string& text) { ::send(fd, text.data(), text.size(), MSG_NOSIGNAL); }

// What the server writes before it closes or falls silent for the socket's read timeout.
std::string read_reply(int fd) {
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    return reply;
}

// What the server has written so far, without waiting.
std::string read_ready(int fd) {
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0;)
        reply.append(buffer, static_cast<std::size_t>(n));
    return reply;
}

// True once the server has closed `fd` (EOF or reset) before `deadline`.
bool closed_by(int fd, Clock::time_point deadline) {
    char buffer[4096];
    while (Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return true;
    }
    return false;
}

std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// A GET whose headers never end: `line` again and again, up to `max_bytes`, sent as fast as the
// server reads, until the server answers. Returns the answer and how many bytes went out.
std::pair<std::string, std::size_t> flood_headers(int port, const std::string& line, std::size_t max_bytes) {
    const int fd = kb::test::connect_loopback(port, 2000);
    send_text(fd, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    std::string chunk;
    while (chunk.size() < 64 * 1024) chunk += line;
    std::size_t sent = 0;
    while (sent < max_bytes) {
        pollfd p{fd, POLLIN | POLLOUT, 0};
        if (::poll(&p, 1, 2000) <= 0 || (p.revents & (POLLIN | POLLHUP | POLLERR))) break;
        const ssize_t n = ::send(fd, chunk.data(), chunk.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;
        if (n > 0) sent += static_cast<std::size_t>(n);
    }
    std::string reply = read_reply(fd);
    ::close(fd);
    return {reply, sent};
}

// GET /api/health from 127.0.0.1, timed.
std::pair<std::string, Clock::duration> probe(int port) {
    const auto started = Clock::now();
    std::string reply = raw_exchange(port, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return {reply, Clock::now() - started};
}

// `count` connections from `addresses` loopback addresses in turn: a crowd of
// clients (127.0.`block`.2 on), each within its share of connections.
std::vector<int> open_crowd(int port, int block, int addresses, int count) {
    std::vector<int> crowd;
    for (int i = 0; i < count; ++i) {
        const std::string source = "127.0." + std::to_string(block) + "." + std::to_string(2 + i % addresses);
        crowd.push_back(connect_from(port, source.c_str()));
    }
    return crowd;
}

// True while the server has written nothing on `fd` and not closed it.
bool open_and_silent(int fd) {
    char byte;
    return ::recv(fd, &byte, 1, MSG_DONTWAIT | MSG_PEEK) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

// How many of `crowd` the server has written to or closed.
std::size_t touched(const std::vector<int>& crowd) {
    return static_cast<std::size_t>(
        std::count_if(crowd.begin(), crowd.end(), [](int fd) { return !open_and_silent(fd); }));
}

void close_all(const std::vector<int>& fds) {
    for (const int fd : fds) ::close(fd);
}

// Probes `times` times, `pause` apart: each must be answered 200 within a second.
void probe_answered(int port, int times, std::chrono::milliseconds pause) {
    for (int i = 0; i < times; ++i) {
        const auto [reply, took] = probe(port);
        CHECK(status_of(reply) == "HTTP/1.1 200 OK");
        CHECK(took < std::chrono::seconds(1));
        std::this_thread::sleep_for(pause);
    }
}

// std::clog into a string for the scope; the server writes its request log there.
class CapturedLog {
  public:
    CapturedLog() : previous_(std::clog.rdbuf(text_.rdbuf())) {}
    ~CapturedLog() { std::clog.rdbuf(previous_); }
    std::string text() const { return text_.str(); }

  private:
    std::ostringstream text_;
    std::streambuf* previous_;
};

}  // namespace

TEST_CASE("a flood of headers is answered 431 early and leaves memory flat", "[http][bounds]") {
    TemporaryDirectory dir;
    RunningServer server(small_index(dir));
    REQUIRE(status_of(probe(server.port()).first) == "HTTP/1.1 200 OK");
    const std::size_t before = resident_bytes();
    // Small headers hit the count, long ones the byte total; 20 MB each is what the attack sent.
    const std::vector<std::string> lines{"X-A: b\r\n", "X-A: b\r\n", "X-Long: " + std::string(4000, 'v') + "\r\n",
                                         "X-Long: " + std::string(4000, 'v') + "\r\n"};
    std::vector<std::pair<std::string, std::size_t>> results(lines.size());
    std::vector<std::thread> floods;
    for (std::size_t i = 0; i < lines.size(); ++i)
        floods.emplace_back([&, i] { results[i] = flood_headers(server.port(), lines[i], 20 * 1024 * 1024); });
    for (std::thread& flood : floods) flood.join();
    for (const auto& [reply, sent] : results) {
        CAPTURE(reply.substr(0, 300), sent);
        CHECK(status_of(reply) == "HTTP/1.1 431 Request Header Fields Too Large");
        CHECK(reply.find("\"code\":\"headers_too_large\"") != std::string::npos);
        CHECK(reply.find("Connection: close\r\n") != std::string::npos);
        CHECK(reply.find("X-Content-Type-Options: nosniff\r\n") != std::string::npos);
        CHECK(sent < 4 * 1024 * 1024);  // closed early, not read to the end
    }
    const std::size_t after = resident_bytes();
    CHECK(after < before + 32 * 1024 * 1024);
    CHECK(status_of(probe(server.port()).first) == "HTTP/1.1 200 OK");
}

TEST_CASE("clients that trickle a request or its body hold neither the server nor others", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.request_timeout = std::chrono::milliseconds(2500);
    RunningServer server(options);
    // 80 connections send a request a byte a second; 20 send a body the same way.
    const std::string head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: 0123456789\r\n\r\n";
    const std::string post = "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n";
    std::vector<int> heads;
    std::vector<int> bodies;
    for (int i = 0; i < 80; ++i) heads.push_back(connect_from(server.port(), "127.0.0.2"));
    for (int i = 0; i < 20; ++i) {
        bodies.push_back(connect_from(server.port(), "127.0.0.3"));
        send_text(bodies.back(), post);
    }
    // One of each from its own address, to time the whole-request deadline itself.
    const int timed_head = connect_from(server.port(), "127.0.0.4");
    const int timed_body = connect_from(server.port(), "127.0.0.5");
    send_text(timed_body, post);
    const auto started = Clock::now();
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
        for (std::size_t at = 0; !stop; ++at) {
            for (const int fd : heads) send_text(fd, head.substr(at % head.size(), 1));
            send_text(timed_head, head.substr(at % head.size(), 1));
            for (const int fd : bodies) send_text(fd, "x");
            send_text(timed_body, "x");
            for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    for (int i = 0; i < 6; ++i) {
        const auto [reply, took] = probe(server.port());
        CHECK(status_of(reply) == "HTTP/1.1 200 OK");
        CHECK(took < std::chrono::seconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    // However each paces its bytes, a request that has not arrived by the deadline is closed.
    CHECK(closed_by(timed_head, started + std::chrono::milliseconds(4000)));
    CHECK(closed_by(timed_body, started + std::chrono::milliseconds(4000)));
    CHECK(Clock::now() - started > std::chrono::milliseconds(2000));
    // Past its share of connections, the trickling client was told to come back later.
    std::size_t refused = 0;
    for (const int fd : heads) {
        const std::string reply = read_ready(fd);
        if (status_of(reply) == "HTTP/1.1 503 Service Unavailable") {
            ++refused;
            CHECK(reply.find("Retry-After: 1\r\n") != std::string::npos);
            CHECK(reply.find("\"code\":\"overloaded\"") != std::string::npos);
        }
    }
    CHECK(refused == 80 - kb::ConnectionLimits{}.max_connections_per_client);
    stop = true;
    trickle.join();
    for (const int fd : heads) ::close(fd);
    for (const int fd : bodies) ::close(fd);
    ::close(timed_head);
    ::close(timed_body);
}

TEST_CASE("crowds of idle connections are refused past their share, and others are served", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.connections = 16;
    options.limits.accept_queue = 16;
    options.limits.max_connections = 32;
    options.limits.max_connections_per_client = 8;
    options.limits.idle_timeout = std::chrono::milliseconds(1000);
    RunningServer server(options);

    // One client opens 300 idle connections: it gets its 8, the rest 503 at once.
    std::vector<int> idle;
    for (int i = 0; i < 300; ++i) idle.push_back(connect_from(server.port(), "127.0.0.2"));
    for (int i = 0; i < 3; ++i) {
        const auto [reply, took] = probe(server.port());
        CHECK(status_of(reply) == "HTTP/1.1 200 OK");
        CHECK(took < std::chrono::seconds(1));
    }
    std::size_t refused = 0;
    for (const int fd : idle) {
        const std::string reply = read_ready(fd);
        if (status_of(reply) != "HTTP/1.1 503 Service Unavailable") continue;
        ++refused;
        CHECK(reply.find("Retry-After: 1\r\n") != std::string::npos);
    }
    CHECK(refused == 300 - 8);
    for (const int fd : idle) ::close(fd);
    idle.clear();

    // Many clients, a few connections each, past the server's 32 connections in all: refused at
    // once, not left waiting; once they idle out, the server answers again.
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    for (int client = 0; client < 20; ++client) {
        const std::string address = "127.0.1." + std::to_string(client + 1);
        for (int i = 0; i < 5; ++i) idle.push_back(connect_from(server.port(), address.c_str()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    refused = 0;
    for (const int fd : idle) refused += status_of(read_ready(fd)) == "HTTP/1.1 503 Service Unavailable";
    CHECK(refused == 100 - 32);
    const auto [busy, took] = probe(server.port());
    CHECK(took < std::chrono::milliseconds(500));
    CHECK(status_of(busy) == "HTTP/1.1 503 Service Unavailable");
    CHECK(busy.find("\"code\":\"overloaded\"") != std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    CHECK(status_of(probe(server.port()).first) == "HTTP/1.1 200 OK");
    for (const int fd : idle) ::close(fd);
}

TEST_CASE("requests framed to be read two ways are refused", "[http][bounds]") {
    TemporaryDirectory dir;
    RunningServer server(small_index(dir));
    const std::string health = "GET /api/health HTTP/1.1\r\nConnection: close\r\n";
    struct Row {
        std::string request;
        std::string status;
        std::string code;
    };
    const Row rows[] = {
        {health + "Host: 127.0.0.1\r\nHost: evil.example\r\n\r\n", "400 Bad Request", "bad_request"},
        {health + "\r\n", "400 Bad Request", "bad_request"},
        {"GET /api/health HTTP/1.0\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n", "400 Bad Request", "bad_request"},
        {"GET /api/health HTTP/1.0\r\n\r\n", "200 OK", ""},
        {"POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: +30\r\n\r\n",
         "400 Bad Request", "bad_request"},
        {"POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 30, 30\r\n\r\n",
         "400 Bad Request", "bad_request"},
        {health + "Host: 127.0.0.1\r\nX-Big: " + std::string(9 * 1024, 'b') + "\r\n\r\n",
         "431 Request Header Fields Too Large", "headers_too_large"},
        {"GET /api/search?q=" + std::string(9 * 1024, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "414 URI Too Long",
         "uri_too_long"},
        {"POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n", "413 Payload Too Large",
         "body_too_large"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.request.substr(0, 160));
        const auto started = Clock::now();
        const std::string reply = raw_exchange(server.port(), row.request);
        CHECK(Clock::now() - started < std::chrono::milliseconds(1500));
        CHECK(status_of(reply) == "HTTP/1.1 " + row.status);
        if (!row.code.empty()) CHECK(reply.find("\"code\":\"" + row.code + "\"") != std::string::npos);
    }
    // A GET's body is never read as a request of its own: the connection ends after one answer.
    const std::string inner = "GET /api/errors HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const std::string smuggled =
        raw_exchange(server.port(), "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                                        std::to_string(inner.size()) + "\r\n\r\n" + inner);
    CHECK(status_of(smuggled) == "HTTP/1.1 200 OK");
    CHECK(smuggled.find("\"errors\"") == std::string::npos);
    // Pipelined requests are each answered, in order.
    const std::string draft = R"({"text":"printer"})";
    const std::string pipelined =
        raw_exchange(server.port(),
                     "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                     "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                         std::to_string(draft.size()) + "\r\n\r\n" + draft +
                         "GET /api/errors HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::size_t similar = pipelined.find("\"hits\"");
    CHECK(pipelined.find("\"status\":\"ok\"") < similar);
    CHECK(similar < pipelined.find("\"errors\""));
    CHECK(pipelined.find("\"errors\"") != std::string::npos);
}

TEST_CASE("a kept-alive connection is closed once idle", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.idle_timeout = std::chrono::milliseconds(500);
    RunningServer server(options);
    const int fd = kb::test::connect_loopback(server.port());
    send_text(fd, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto started = Clock::now();
    CHECK(closed_by(fd, started + std::chrono::milliseconds(2000)));
    CHECK(Clock::now() - started > std::chrono::milliseconds(400));
    ::close(fd);
}

TEST_CASE("no path can forge a line of the request log", "[http][bounds]") {
    CHECK(kb::log_safe("GET /a\nGET /b") == "GET /a\\x0aGET /b");
    CHECK(kb::log_safe("a\r\x1b[31m\x7f\\z") == "a\\x0d\\x1b[31m\\x7f\\x5cz");
    CHECK(kb::log_safe("plain /path é") == "plain /path é");

    TemporaryDirectory dir;
    CapturedLog log;
    {
        kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
        options.log_requests = true;
        RunningServer server(options);
        for (const std::string path : {"/x%0aGET%20/api/health%20200%200.01ms", "/y%0d%0aforged", "/z%1b[2J%00"}) {
            CAPTURE(path);
            const std::string reply = raw_exchange(
                server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            CHECK(status_of(reply) == "HTTP/1.1 404 Not Found");
        }
        // A raw control character never reaches the log: the request is refused first.
        CHECK(status_of(raw_exchange(server.port(), "GET /a\x0b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) ==
              "HTTP/1.1 400 Bad Request");
    }
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(std::count(text.begin(), text.end(), '\n') == 4);
    CHECK(text.find("\nGET /api/health 200") == std::string::npos);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("- refused 400") != std::string::npos);
}

// The many-address attacks: per-address caps cannot stop a crowd, so a waiting connection must
// cost a socket, not a connection thread.
TEST_CASE("idle connections from many addresses hold no thread", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.idle_timeout = std::chrono::milliseconds(10'000);
    RunningServer server(options);
    // 200 addresses, one idle connection each: more than the 64 threads and the line of 64.
    const std::vector<int> crowd = open_crowd(server.port(), 0, 200, 200);
    probe_answered(server.port(), 5, std::chrono::milliseconds(200));
    CHECK(touched(crowd) == 0);  // none refused, none closed while within their idle time
    close_all(crowd);
}

TEST_CASE("crowds trickling heads and bodies from many addresses hold no thread", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.request_timeout = std::chrono::milliseconds(3000);
    options.limits.idle_timeout = std::chrono::milliseconds(10'000);
    RunningServer server(options);
    const std::string head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: 0123456789\r\n\r\n";
    const std::string post = "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n";
    // 100 connections over 20 addresses trickle a head, 100 more over 20 others a body.
    const std::vector<int> heads = open_crowd(server.port(), 1, 20, 100);
    const std::vector<int> bodies = open_crowd(server.port(), 3, 20, 100);
    const auto started = Clock::now();
    for (const int fd : bodies) send_text(fd, post);
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
        for (std::size_t at = 0; !stop; ++at) {
            for (const int fd : heads) send_text(fd, head.substr(at % head.size(), 1));
            for (const int fd : bodies) send_text(fd, "x");
            for (int i = 0; i < 3 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    probe_answered(server.port(), 4, std::chrono::milliseconds(250));
    // Well within their deadline the tricklers are still being read, not refused.
    CHECK(touched(heads) + touched(bodies) == 0);
    // At their deadline they are closed, unanswered: there is no whole request to answer.
    const auto deadline = started + std::chrono::milliseconds(3000 + 2000);
    std::size_t closed = 0;
    for (const int fd : heads) closed += closed_by(fd, deadline);
    for (const int fd : bodies) closed += closed_by(fd, deadline);
    CHECK(closed == heads.size() + bodies.size());
    CHECK(Clock::now() - started > std::chrono::milliseconds(2500));
    stop = true;
    trickle.join();
    close_all(heads);
    close_all(bodies);
}

TEST_CASE("a thousand idle connections do not slow a request", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.idle_timeout = std::chrono::milliseconds(10'000);
    RunningServer server(options);
    const std::vector<int> crowd = open_crowd(server.port(), 4, 40, 1000);
    probe_answered(server.port(), 3, std::chrono::milliseconds(100));
    CHECK(touched(crowd) == 0);
    close_all(crowd);
}

TEST_CASE("a kept-alive connection waits in the poller, not on a thread", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.threads = 1;
    options.connections = 1;  // one worker: a connection holding it would hold up everyone
    options.limits.idle_timeout = std::chrono::milliseconds(1500);
    RunningServer server(options);
    const std::string health = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const auto answers = [](const std::string& reply) {
        std::size_t count = 0;
        for (std::size_t at = 0; (at = reply.find("HTTP/1.1 200 OK", at)) != std::string::npos; ++at) ++count;
        return count;
    };
    // Two pipelined requests in one write, both answered, and the connection kept.
    const int kept = kb::test::connect_loopback(server.port());
    send_text(kept, health + health);
    std::string reply;
    for (const auto until = Clock::now() + std::chrono::seconds(2); answers(reply) < 2 && Clock::now() < until;) {
        pollfd p{kept, POLLIN, 0};
        if (::poll(&p, 1, 50) > 0) reply += read_ready(kept);
    }
    CHECK(answers(reply) == 2);
    // While it idles, the one worker answers others at once.
    probe_answered(server.port(), 2, std::chrono::milliseconds(100));
    // It is read again when its next request comes, then closed once idle for idle_timeout.
    send_text(kept, health);
    reply.clear();
    for (const auto until = Clock::now() + std::chrono::seconds(2); answers(reply) < 1 && Clock::now() < until;) {
        pollfd p{kept, POLLIN, 0};
        if (::poll(&p, 1, 50) > 0) reply += read_ready(kept);
    }
    CHECK(answers(reply) == 1);
    const auto answered = Clock::now();
    CHECK(closed_by(kept, answered + std::chrono::milliseconds(3500)));
    CHECK(Clock::now() - answered > std::chrono::milliseconds(1000));
    ::close(kept);
}

TEST_CASE("stopping the server closes every waiting connection at once", "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.idle_timeout = std::chrono::milliseconds(30'000);
    options.limits.request_timeout = std::chrono::milliseconds(30'000);
    std::optional<RunningServer> server(std::in_place, options);
    const std::vector<int> idle = open_crowd(server->port(), 5, 10, 100);
    const std::vector<int> halfway = open_crowd(server->port(), 6, 10, 20);
    for (const int fd : halfway)
        send_text(fd, "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nx");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto started = Clock::now();
    server.reset();
    CHECK(Clock::now() - started < std::chrono::seconds(1));
    std::size_t closed = 0;
    for (const int fd : idle) closed += closed_by(fd, Clock::now() + std::chrono::milliseconds(500));
    for (const int fd : halfway) closed += closed_by(fd, Clock::now() + std::chrono::milliseconds(500));
    CHECK(closed == idle.size() + halfway.size());
    close_all(idle);
    close_all(halfway);
}

TEST_CASE("large bodies sent slowly cannot take the server's memory, and small requests are still read",
          "[http][bounds]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(small_index(dir));
    options.limits.max_buffered_bytes = 512 * 1024;
    options.limits.request_timeout = std::chrono::milliseconds(3000);
    RunningServer server(options);
    // 20 clients over 10 addresses each declare a 200 KB draft and send 60 KB of it, then stall:
    // 1.2 MB together, past the bound of 512 KB.
    const std::string post =
        "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 200000\r\n\r\n";
    const std::vector<int> senders = open_crowd(server.port(), 3, 10, 20);
    for (const int fd : senders) send_text(fd, post + std::string(60 * 1024, ' '));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::size_t refused = 0;
    for (const int fd : senders) {
        const std::string reply = read_ready(fd);
        if (status_of(reply) != "HTTP/1.1 503 Service Unavailable") continue;
        ++refused;
        CHECK(reply.find("\"code\":\"overloaded\"") != std::string::npos);
    }
    // Those past the bound made way; those within it are still being read.
    CHECK(refused >= 20 - 512 / 60);
    CHECK(refused < 20);
    const auto [reply, took] = probe(server.port());
    CHECK(status_of(reply) == "HTTP/1.1 200 OK");
    CHECK(took < std::chrono::seconds(1));
    for (const int fd : senders) ::close(fd);
}

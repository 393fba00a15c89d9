// libFuzzer target: bytes as a raw HTTP request on a loopback socket to the real server (corpus/
// index, web/ folder), which must answer with a status line or close, never hang, crash or give a
// 5xx other than 503 (a searcher that stayed busy). Each input is one connection: the bytes are
// sent, the write side shut, and the reply read until the server closes.
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/temporary_directory.h"
#include "server/http/http_server.h"

namespace {

struct ServedCorpus {
    kb::TemporaryDirectory dir;
    std::unique_ptr<kb::HttpServer> server;
    std::thread thread;
    int port = 0;

    ServedCorpus() {
        kb::BuildOptions build;
        build.db = dir.path() / "db";
        build.inputs = {std::filesystem::path(KBSEARCH_SOURCE_DIR) / "corpus"};
        build.show_progress = false;
        std::ostringstream log;
        kb::IndexBuilder().build(build, log);
        kb::ServerOptions options;
        options.db = build.db;
        options.web_dir = std::filesystem::path(KBSEARCH_SOURCE_DIR) / "web";
        options.port = 0;
        options.threads = 2;
        options.connections = 4;
        options.log_requests = false;
        server = std::make_unique<kb::HttpServer>(options);
        port = server->bind();
        thread = std::thread([this] { server->listen(); });
        while (!server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~ServedCorpus() {
        server->stop();
        thread.join();
    }
    ServedCorpus(const ServedCorpus&) = delete;
    ServedCorpus& operator=(const ServedCorpus&) = delete;
};

int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) std::abort();
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) std::abort();
    // Longer than any server timeout (2 s reads, 2 s for a searcher): silence past it is a hang.
    timeval timeout{8, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

[[noreturn]] void fail(const char* what, std::string_view reply) {
    std::fprintf(stderr, "fuzz_http_request: %s; reply begins: %.200s\n", what, std::string(reply).c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static ServedCorpus served;
    const int fd = connect_to(served.port);
    // The server may answer and close before reading everything (a refused header, a body too
    // large): a failed send is then expected, and the reply still has to be well formed.
    for (std::size_t sent = 0; sent < size;) {
        const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    std::string reply;
    char buffer[8192];
    ssize_t n = 0;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) reply.append(buffer, static_cast<std::size_t>(n));
    const bool timed_out = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    ::close(fd);
    if (timed_out) fail("the server neither answered nor closed within 8 s", reply);
    if (reply.empty()) return 0;  // closed without a word: what httplib does with bytes that are no request
    if (reply.rfind("HTTP/1.1 ", 0) != 0 || reply.size() < 12) fail("the reply is not an HTTP/1.1 status line", reply);
    const std::string_view status = std::string_view(reply).substr(9, 3);
    if (status[0] == '5' && status != "503") fail("a server error", reply);
    return 0;
}

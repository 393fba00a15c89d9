#include "tests/support/running_server.h"

#include <chrono>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kb::test {

ServerOptions test_server_options(const std::filesystem::path& db) {
    ServerOptions o;
    o.db = db;
    o.web_dir.clear();
    o.port = 0;
    o.threads = 4;
    o.log_requests = false;
    return o;
}

RunningServer::RunningServer(ServerOptions options) : server_(std::move(options)) {
    port_ = server_.bind();
    thread_ = std::thread([this] { server_.listen(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(server_.is_running());
}

RunningServer::~RunningServer() {
    server_.stop();
    thread_.join();
}

httplib::Client RunningServer::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
}

int connect_loopback(int port, int read_timeout_ms) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{read_timeout_ms / 1000, (read_timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

std::string raw_exchange(int port, const std::string& request) {
    const int fd = connect_loopback(port);
    REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return reply;
}

nlohmann::json get_json(httplib::Client& client, const std::string& path, int expected_status) {
    auto res = client.Get(path.c_str());
    REQUIRE(res);
    CAPTURE(path, res->body.substr(0, 300));
    CHECK(res->status == expected_status);
    CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
    return nlohmann::json::parse(res->body);
}

}  // namespace kb::test

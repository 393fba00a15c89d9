#include "tests/support/shard_server.h"

#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kb::test {

int free_loopback_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

bool accepts(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

ShardServer::ShardServer(std::filesystem::path database, std::optional<int> idle_timeout_ms)
    : database_(std::move(database)), idle_timeout_ms_(idle_timeout_ms), port_(free_loopback_port()) {
    start();
}

ShardServer::~ShardServer() {
    if (pid_ > 0) {
        kill(-pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
}

void ShardServer::start() {
    REQUIRE(pid_ == 0);
    std::vector<std::string> args{
        "/usr/bin/xapian-tcpsrv", "--port", std::to_string(port_), "--interface", "127.0.0.1", "--quiet"};
    if (idle_timeout_ms_) {
        args.push_back("--idle-timeout");
        args.push_back(std::to_string(*idle_timeout_ms_));
    }
    args.push_back(database_.string());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    // Its own process group: xapian-tcpsrv forks a child per connection and, when stopped,
    // signals its whole group, which must not include this test.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    // Its children report each connection the front drops ("Got exception NetworkError") on
    // stderr, --quiet or not: noise in the test's output, not a finding.
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const int spawned = posix_spawn(&pid_, argv[0], &files, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&files);
    REQUIRE(spawned == 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts(port_) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(accepts(port_));
}

void ShardServer::kill_now() {
    REQUIRE(pid_ > 0);
    kill(-pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    // Its forked children are in the group too; wait until nothing listens on the port.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (accepts(port_) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace kb::test

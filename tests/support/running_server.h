// The real HTTP server on an ephemeral loopback port for one test, and the raw-socket and JSON
// helpers the HTTP tests share.
#pragma once

#include <filesystem>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/http/http_server.h"

namespace kb::test {

// What RunningServer starts with unless told otherwise: 4 workers, no log, no web folder.
ServerOptions test_server_options(const std::filesystem::path& db);

class RunningServer {
  public:
    explicit RunningServer(const std::filesystem::path& db) : RunningServer(test_server_options(db)) {}
    explicit RunningServer(ServerOptions options);
    ~RunningServer();
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    int port() const { return port_; }
    httplib::Client client() const;

  private:
    HttpServer server_;
    int port_ = 0;
    std::thread thread_;
};

// A connected loopback socket to `port` whose reads give up after `read_timeout_ms`.
int connect_loopback(int port, int read_timeout_ms = 2000);

// Sends `request` as raw bytes and returns what the server writes back before it closes the
// connection or falls silent for two seconds.
std::string raw_exchange(int port, const std::string& request);

// GET `path`, checks the status and that the body is JSON, and returns it parsed.
nlohmann::json get_json(httplib::Client& client, const std::string& path, int expected_status);

}  // namespace kb::test

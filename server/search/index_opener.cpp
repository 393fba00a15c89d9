#include "server/search/index_opener.h"

#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// A shard server that does not accept within this long is down (loopback and LAN answer in
// well under a millisecond); one that accepted but stops answering fails a request after the
// operation timeout rather than holding its worker for good.
constexpr unsigned kConnectTimeoutMs = 2000;
constexpr unsigned kOperationTimeoutMs = 10000;
// Stubs naming stubs: an index folder's names a generation, a sharded generation's names its
// shards. Deeper than this is a loop.
constexpr int kMaxStubDepth = 4;

struct Opening {
    ShardHealth& health;
    Xapian::Database db;
    std::vector<std::string> missing;
    std::size_t listed = 0;  // databases named, so an empty stub is told apart
    bool remote = false;
};

void add(Opening& opening, const fs::path& path, int depth);

void add_remote(Opening& opening, const std::string& address, const fs::path& stub) {
    const std::size_t colon = address.rfind(':');
    unsigned long port = 0;
    std::string host;
    if (colon != std::string::npos) {
        host = address.substr(0, colon);
        const std::string digits = address.substr(colon + 1);
        if (!digits.empty() && digits.size() <= 5 && digits.find_first_not_of("0123456789") == std::string::npos)
            port = std::stoul(digits);
    }
    if (port == 0 || port > 65535)
        throw IndexError("the stub " + stub.string() + " names a remote shard as '" + address.substr(0, 100) +
                         "'; write `remote HOST:PORT` for a xapian-tcpsrv");
    if (host.empty()) host = "127.0.0.1";
    const std::string name = host + ":" + std::to_string(port);
    ++opening.listed;
    opening.remote = true;
    if (!opening.health.may_try(name)) {
        opening.missing.push_back(name);
        return;
    }
    try {
        opening.db.add_database(
            Xapian::Remote::open(host, static_cast<unsigned>(port), kOperationTimeoutMs, kConnectTimeoutMs));
        opening.health.record_up(name);
    } catch (const Xapian::NetworkError& e) {
        opening.health.record_down(name, "cannot connect: " + e.get_msg().substr(0, 200));
        opening.missing.push_back(name);
    }
}

void add_stub(Opening& opening, const fs::path& stub, int depth) {
    const fs::path base = stub.parent_path();
    const std::size_t listed_before = opening.listed;
    for (const StubEntry& entry : read_stub(stub)) {
        if (entry.type == "auto" || entry.type == "glass" || entry.type == "chert") {
            const fs::path target = fs::path(entry.target).is_absolute() ? fs::path(entry.target) : base / entry.target;
            add(opening, target, depth + 1);
        } else if (entry.type == "remote") {
            add_remote(opening, entry.target, stub);
        } else {
            throw IndexError("the stub " + stub.string() + " has a line kbsearch cannot open: " + entry.line);
        }
    }
    // An empty stub opens in Xapian as an empty index: a power cut before the folder was
    // synced. Serving it would answer every search with nothing and call that healthy.
    if (opening.listed == listed_before)
        throw IndexError("the stub " + stub.string() + " lists no database: the index is damaged; rebuild it");
}

void add(Opening& opening, const fs::path& path, int depth) {
    if (depth > kMaxStubDepth) throw IndexError("the stubs under " + path.string() + " name each other in a loop");
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return add_stub(opening, path, depth);
    if (fs::is_regular_file(path / schema::kStubName, ec)) return add_stub(opening, path / schema::kStubName, depth);
    ++opening.listed;
    try {
        opening.db.add_database(Xapian::Database(path.string()));
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError("cannot open index " + path.string() + ": " + e.get_msg());
    }
}

}  // namespace

OpenedIndex open_index(const fs::path& path, ShardHealth& health, bool partial_results) {
    Opening opening{health, Xapian::Database(), {}, 0, false};
    add(opening, path, 0);
    if (!opening.missing.empty() && (!partial_results || opening.db.get_doccount() == 0)) {
        std::string names;
        for (const std::string& name : opening.missing) names += (names.empty() ? "" : ", ") + name;
        throw ShardUnavailableError(
            opening.missing, "the index's shard" + std::string(opening.missing.size() > 1 ? "s " : " ") + names +
                                 (opening.missing.size() > 1 ? " do" : " does") + " not answer; try again shortly");
    }
    return OpenedIndex{std::move(opening.db), std::move(opening.missing), opening.remote};
}

}  // namespace kb

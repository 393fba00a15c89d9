// LatencySummary: per-query times by kind, summarised as p50/p95/p99 (nearest rank) and mean, one
// `key=value` line per kind and one for all: the form bench_scale.sh reads.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace kb::bench {

class LatencySummary {
  public:
    void add(const std::string& kind, double ms, bool empty_result = false);

    // "<label> kind=all n=1000 p50_ms=0.120 p95_ms=... p99_ms=... mean_ms=... empty=3", then each kind.
    void print(std::ostream& out, const std::string& label) const;

    // The nearest-rank percentile (p in 1..100) of unsorted values; 0 for none.
    static double percentile(std::vector<double> values, int p);

  private:
    struct Series {
        std::vector<double> ms;
        std::size_t empty = 0;
    };
    Series all_;
    std::map<std::string, Series> kinds_;
};

}  // namespace kb::bench

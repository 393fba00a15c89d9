// BuildProgress: what a build or an update is doing, on its log. On a terminal one line is
// rewritten in place; otherwise (a log file, CI) a line every few seconds. Each phase has a name;
// one with a known size shows its percentage, rate and time left.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace kb {

class BuildProgress {
  public:
    enum class Mode { Off, Terminal, Lines };

    // `lines_every`: how often a line is written in Lines mode.
    BuildProgress(std::ostream& log, Mode mode, std::chrono::milliseconds lines_every = std::chrono::seconds(5));
    ~BuildProgress();
    BuildProgress(const BuildProgress&) = delete;
    BuildProgress& operator=(const BuildProgress&) = delete;

    // Ends the phase before and starts `name`; `total` units of `unit` (0: not known).
    void phase(const std::string& name, std::size_t total = 0, const std::string& unit = "threads");
    // `done` units of the phase so far; written when a line is due. Not thread-safe: one caller.
    void advance(std::size_t done);
    // Ends the phase: its last figures and how long it took.
    void end_phase();

    // "12 s", "3 min 05 s", "1 h 02 min".
    static std::string duration_text(double seconds);
    // The line advance() writes: "writing: 45% (9,000 of 20,000 threads), 850 threads/s, 12 s left".
    std::string line() const;

  private:
    using Clock = std::chrono::steady_clock;
    void write(bool final);

    std::ostream& log_;
    Mode mode_;
    std::chrono::milliseconds every_;
    std::string name_, unit_;
    std::size_t total_ = 0, done_ = 0;
    Clock::time_point started_, last_written_;
    bool open_ = false;
};

}  // namespace kb

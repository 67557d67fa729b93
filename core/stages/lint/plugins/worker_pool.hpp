// run_parallel(): `count` tasks over `jobs` threads (std::jthread), each
// worker taking the next index from one atomic counter, so long and short
// tasks balance themselves without a queue. With one job, or one task, the
// tasks run on the calling thread. An exception escaping a task is kept
// (the first one) and rethrown on the calling thread after every worker has
// finished, instead of terminating the program from a worker.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace slipway::lint {

inline void run_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& task) {
  const std::size_t workers = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(jobs, 1)));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  {
    std::vector<std::jthread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
          try {
            task(i);
          } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
          }
        }
      });
    }
  }  // jthreads join here
  if (failure) std::rethrow_exception(failure);
}

}  // namespace slipway::lint

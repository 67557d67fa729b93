// Loading the configuration layers, the CI context and the repository.
//
// The configuration file is looked up at the repository root (so running
// from a sub-folder finds it), unless --config names one; a --config file
// that does not exist is an error, a missing default file is not.
#include "app/app_context.hpp"

#include <filesystem>
#include <thread>

#include "stages/lint/builtin_checks.hpp"
#include "stages/lint/plugins/linter_selection.hpp"

namespace slipway::app {

namespace fs = std::filesystem;

model::ConfigSchema full_schema() {
  model::ConfigSchema schema = model::core_config_schema();
  for (auto& key : lint::lint_config_schema()) schema.push_back(std::move(key));
  for (auto& key : lint::plugin_config_schema()) schema.push_back(std::move(key));
  for (auto& key : scan_config_schema()) schema.push_back(std::move(key));
  for (auto& key : build_config_schema()) schema.push_back(std::move(key));
  return schema;
}

Result<AppContext> load_context(const CommandLine& command_line, const util::EnvMap& env, bool require_repo,
                                std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::path directory =
      command_line.directory.empty() ? fs::current_path(ec) : fs::path(command_line.directory);
  if (!fs::is_directory(directory, ec)) {
    return make_error("directory not found: " + directory.string(), "pass an existing folder to -C");
  }
  directory = fs::absolute(directory, ec);

  AppContext context{
      model::Config(full_schema()), {}, std::nullopt, directory.lexically_normal().string(), env, &out, &err};
  if (context.root.size() > 1 && context.root.back() == '/') context.root.pop_back();

  auto repo = model::GitRepo::open(directory.string(), command_line.prefetch_worktree);
  if (repo) {
    context.root = repo->root();
    context.repo.emplace(std::move(*repo));
  } else if (require_repo) {
    return repo.error();
  }

  std::string config_file = command_line.config_file;
  if (config_file.empty()) {
    fs::path candidate = fs::path(context.root) / ".slipway.yml";
    if (fs::exists(candidate, ec)) config_file = candidate.string();
  } else {
    fs::path given(config_file);
    if (given.is_relative()) given = directory / given;
    if (!fs::exists(given, ec)) {
      return make_error("configuration file not found: " + config_file,
                        "check the --config path, or drop --config to use .slipway.yml");
    }
    config_file = given.string();
  }
  if (!config_file.empty()) {
    if (auto applied = context.config.apply_file(config_file); !applied) return applied.error();
  }
  if (auto applied = context.config.apply_environment(env); !applied) return applied.error();
  for (const auto& [key, text] : command_line.overrides) {
    auto name = command_line.flag_names.count(key) ? command_line.flag_names.at(key) : "--" + key;
    if (auto applied = context.config.apply_flag(key, text, name); !applied) return applied.error();
  }

  context.ci = model::detect_ci(env);
  if (context.repo) {
    if (auto head = context.repo->head_commit()) context.ci.commit = *head;
    if (context.ci.branch.empty()) {
      if (auto branch = context.repo->head_branch()) context.ci.branch = *branch;
    }
  }
  return context;
}

int effective_jobs(const model::Config& config) {
  auto jobs = config.get_int("jobs");
  if (jobs > 0) return static_cast<int>(jobs);
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace slipway::app

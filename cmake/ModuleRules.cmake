# The one-way rule of ../shared/DESIGN.md ("Modules and the one-way rule"),
# checked on the build graph: which loadlaw modules each module may use,
# directly or through another, and which outside libraries only some may
# link. A module that links one it must not (report -> runner, fit -> curl)
# fails the configure step with a line naming the path.
#
# Pure functions of lists, so that tests/architecture/ can run them in script
# mode (cmake -P) on a graph with a planted violation.

# module: the modules it may use. `base` is every module's toolbox.
set(LOADLAW_MODULE_RULES
  "base:"
  "workload:base"
  "telemetry:base"
  "runner:workload,telemetry,base"
  "compare:base"
  "sweep_file:telemetry,compare,base"
  "sweep:runner,sweep_file,workload,telemetry,compare,base"
  "fit:telemetry,base"
  "engine:workload,base"
  "calibrate:sweep_file,fit,engine,telemetry,compare,workload,base"
  "queueing:base"
  "plan:fit,engine,queueing,compare,telemetry,workload,base"
  "report:sweep_file,calibrate,plan,fit,engine,queueing,compare,telemetry,workload,base"
  "sim:engine,workload,base")

# Outside libraries only these modules may link, directly or through
# another ("models never reach the network": the transports stay in the
# runner, which only the sweep driver uses).
set(LOADLAW_EXTERNAL_RULES
  "CURL::libcurl:runner,sweep")

# loadlaw_rule_allowed(<module> <out-var>): the modules <module> may use.
function(loadlaw_rule_allowed module out)
  set(result "")
  set(found FALSE)
  foreach(rule IN LISTS LOADLAW_MODULE_RULES)
    string(REPLACE ":" ";" parts "${rule}")
    list(GET parts 0 name)
    if(name STREQUAL module)
      set(found TRUE)
      list(LENGTH parts n)
      if(n GREATER 1)
        list(GET parts 1 uses)
        string(REPLACE "," ";" result "${uses}")
      endif()
    endif()
  endforeach()
  if(NOT found)
    set(result "<unknown>")
  endif()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# loadlaw_check_module_graph(<graph> <out-var>): <graph> is a list of
# "module:dep,dep,..." (direct links, loadlaw modules by name, outside
# libraries by target name). Sets <out-var> to the violations, one per
# element, each naming the path ("report -> sweep -> runner").
function(loadlaw_check_module_graph graph out)
  set(violations "")
  set(modules "")
  foreach(entry IN LISTS graph)
    string(FIND "${entry}" ":" colon)  # the first: outside names hold "::"
    string(SUBSTRING "${entry}" 0 ${colon} name)
    math(EXPR start "${colon} + 1")
    string(SUBSTRING "${entry}" ${start} -1 deps)
    list(APPEND modules ${name})
    string(REPLACE "," ";" deps_${name} "${deps}")
  endforeach()
  foreach(module IN LISTS modules)
    loadlaw_rule_allowed(${module} allowed)
    if(allowed STREQUAL "<unknown>")
      list(APPEND violations "${module}: a module DESIGN.md does not list")
      continue()
    endif()
    # Walk the graph from `module`, keeping the path to each node reached.
    set(queue ${module})
    set(path_${module} ${module})
    set(seen ${module})
    while(queue)
      list(POP_FRONT queue node)
      foreach(dep IN LISTS deps_${node})
        if(dep IN_LIST seen)
          continue()
        endif()
        list(APPEND seen ${dep})
        string(MAKE_C_IDENTIFIER "${dep}" key)
        set(path_${key} "${path_${node}} -> ${dep}")
        if(dep IN_LIST modules)
          set(path_${dep} "${path_${key}}")
          if(NOT dep IN_LIST allowed)
            list(APPEND violations "${path_${dep}}: ${module} must not use ${dep}")
          endif()
          list(APPEND queue ${dep})
        else()
          foreach(rule IN LISTS LOADLAW_EXTERNAL_RULES)
            string(FIND "${rule}" ":" colon REVERSE)
            string(SUBSTRING "${rule}" 0 ${colon} lib)
            math(EXPR start "${colon} + 1")
            string(SUBSTRING "${rule}" ${start} -1 users)
            string(REPLACE "," ";" users "${users}")
            if(dep STREQUAL lib AND NOT module IN_LIST users)
              string(REPLACE ";" " and " who "${users}")
              list(APPEND violations
                   "${path_${key}}: only ${who} may link ${lib}")
            endif()
          endforeach()
        endif()
      endforeach()
    endwhile()
  endforeach()
  set(${out} "${violations}" PARENT_SCOPE)
endfunction()

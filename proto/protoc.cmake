# laso_generate_protos(TARGET t OUT_DIR dir IMPORT_DIRS a b [GRPC_TARGET g]
#                      PROTOS "root|relative/path.proto" ...)
# Runs protoc for each proto (named by its import root and its path under it,
# which is also where the generated files go under OUT_DIR) and adds the
# generated messages to TARGET. With GRPC_TARGET, gRPC stubs are generated as
# well and go to that target, so code that only needs the messages does not
# link gRPC.
# CMake's protobuf_generate derives output paths from the source directory,
# which breaks for protos outside the tree (Debian's googleapis), hence this.
function(laso_generate_protos)
  cmake_parse_arguments(P "" "TARGET;GRPC_TARGET;OUT_DIR" "IMPORT_DIRS;PROTOS" ${ARGN})
  get_target_property(grpc_plugin gRPC::grpc_cpp_plugin LOCATION)
  set(include_flags)
  foreach(dir ${P_IMPORT_DIRS})
    list(APPEND include_flags "-I${dir}")
  endforeach()
  foreach(entry ${P_PROTOS})
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 root)
    list(GET parts 1 rel)
    string(REGEX REPLACE "\\.proto$" "" stem "${rel}")
    set(messages "${P_OUT_DIR}/${stem}.pb.cc" "${P_OUT_DIR}/${stem}.pb.h")
    set(stubs)
    set(plugin_flags)
    if(P_GRPC_TARGET)
      set(stubs "${P_OUT_DIR}/${stem}.grpc.pb.cc" "${P_OUT_DIR}/${stem}.grpc.pb.h")
      set(plugin_flags "--grpc_out=${P_OUT_DIR}" "--plugin=protoc-gen-grpc=${grpc_plugin}")
    endif()
    add_custom_command(
      OUTPUT ${messages} ${stubs}
      COMMAND protobuf::protoc ${include_flags} "--cpp_out=${P_OUT_DIR}" ${plugin_flags} "${root}/${rel}"
      DEPENDS "${root}/${rel}" protobuf::protoc
      COMMENT "protoc ${rel}"
      VERBATIM)
    target_sources(${P_TARGET} PRIVATE ${messages})
    if(P_GRPC_TARGET)
      target_sources(${P_GRPC_TARGET} PRIVATE ${stubs})
    endif()
  endforeach()
endfunction()

# "root|relative" entries for every .proto under root/subdir.
function(laso_find_protos out root subdir)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE "${root}" "${root}/${subdir}/*.proto")
  set(entries)
  foreach(f ${files})
    list(APPEND entries "${root}|${f}")
  endforeach()
  set(${out} ${entries} PARENT_SCOPE)
endfunction()

# The Debian package: `cmake --build build --target package` makes
# build/laso_<version>_amd64.deb with every binary, the systemd units, the
# configuration and the data files. Installing it on a fresh Debian 12 and
# enabling the units is how a province installs laso (README, "Running on
# several machines"). Checked by tests/deploy (DeployFiles.debian).
set(LASO_BINARIES laso-gateway laso)
foreach(service IN LISTS LASO_SERVICES)
  list(APPEND LASO_BINARIES laso-${service})
endforeach()
install(TARGETS ${LASO_BINARIES} RUNTIME DESTINATION bin)
install(FILES deploy/systemd/laso@.service deploy/systemd/laso.target DESTINATION /lib/systemd/system)
install(FILES deploy/debian/laso.toml DESTINATION /etc/laso)
install(DIRECTORY deploy/data/ DESTINATION share/laso/data)
install(FILES deploy/laso.example.toml README.md DESTINATION share/doc/laso)
install(DIRECTORY deploy/haproxy deploy/nginx deploy/prometheus deploy/grafana DESTINATION share/doc/laso/examples)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME laso)
set(CPACK_PACKAGE_VERSION "0.17.0")
set(CPACK_PACKAGE_CONTACT "laso maintainers <laso@longan.gov.vn>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "laso: backend of a provincial citizen super-app (1022, dossiers, bills, waste)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # the libraries the binaries link, from dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "redis-server, postgresql, haproxy")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/debian/postinst;${CMAKE_CURRENT_LIST_DIR}/debian/postrm;${CMAKE_CURRENT_LIST_DIR}/debian/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

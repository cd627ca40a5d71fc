#!/bin/sh
# api | worker | scheduler | migrate
set -e
case "${1:-api}" in
  api) cardfile migrate && exec cardfile serve --host 0.0.0.0 --port "${PORT:-8000}" ;;
  worker) shift; exec cardfile worker "$@" ;;
  scheduler) exec cardfile scheduler ;;
  migrate) exec cardfile migrate ;;
  *) exec "$@" ;;
esac

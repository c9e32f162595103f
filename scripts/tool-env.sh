# Sourced by the other scripts: puts the project's own tool folder and cargo's bin on PATH.
CLIENTELE_TOOLS="${CLIENTELE_TOOLS:-$HOME/.cache/clientele-tools}"
export CLIENTELE_TOOLS
export PATH="$CLIENTELE_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

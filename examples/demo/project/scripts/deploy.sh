echo "deploying"

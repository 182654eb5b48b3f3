FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY policykg policykg
COPY graph graph
COPY loaders loaders
COPY api api
COPY viz viz
COPY examples examples
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000"]

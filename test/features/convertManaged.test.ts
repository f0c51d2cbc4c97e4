// Convert to a multi-stage build for Java (Maven, Gradle on eclipse-temurin's JDK → its JRE) and .NET
// (`sdk:X.Y` → `aspnet:X.Y`, `dotnet publish -o`): before/after text, and the declines with their reasons. Every
// result must have the properties of test/support/convertProperties.ts.
import { describe, it } from 'node:test';
import { lines } from '../support/fixture';
import { converts, declines, NOTE } from '../support/convertActions';

describe('convert a Java or .NET build', () => {
  it('Maven on eclipse-temurin: the jar the ENTRYPOINT runs, on the JRE of the same version and OS', () => {
    converts(lines(
      '|FROM maven:3.9-eclipse-temurin-21-alpine',
      'WORKDIR /src',
      'COPY pom.xml .',
      'RUN mvn -B dependency:go-offline',
      'COPY src ./src',
      'RUN mvn -B package -DskipTests',
      'EXPOSE 8080',
      'ENTRYPOINT ["java", "-jar", "target/shop-1.0.jar"]',
    ), lines(
      'FROM maven:3.9-eclipse-temurin-21-alpine AS build',
      'WORKDIR /src',
      'COPY pom.xml .',
      'RUN mvn -B dependency:go-offline',
      'COPY src ./src',
      'RUN mvn -B package -DskipTests',
      '',
      NOTE('/src/target/shop-1.0.jar', 'maven'),
      'FROM eclipse-temurin:21-jre-alpine',
      'WORKDIR /src',
      'COPY --from=build /src/target/shop-1.0.jar /src/target/shop-1.0.jar',
      'EXPOSE 8080',
      'ENTRYPOINT ["java", "-jar", "target/shop-1.0.jar"]',
    ), 'Convert to a multi-stage build: runtime eclipse-temurin:21-jre-alpine with only /src/target/shop-1.0.jar');
  });

  it('Gradle: the gradle image\'s WORKDIR /home/gradle where the file sets none; a plain shell-form CMD is kept (the JRE has a shell)', () => {
    converts(lines(
      '|FROM gradle:8.10-jdk17-noble',
      'COPY . .',
      'RUN gradle bootJar --no-daemon',
      'CMD java -jar build/libs/api.jar',
    ), lines(
      'FROM gradle:8.10-jdk17-noble AS build',
      'COPY . .',
      'RUN gradle bootJar --no-daemon',
      '',
      NOTE('/home/gradle/build/libs/api.jar', 'gradle'),
      'FROM eclipse-temurin:17-jre-noble',
      'WORKDIR /home/gradle',
      'COPY --from=build /home/gradle/build/libs/api.jar /home/gradle/build/libs/api.jar',
      'CMD java -jar build/libs/api.jar',
    ));
  });

  it('.NET: the folder dotnet publish -o writes, on the aspnet image the SDK image is built on', () => {
    converts(lines(
      '|FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim',
      'WORKDIR /source',
      'COPY . .',
      'RUN dotnet publish -c Release -o /app',
      'WORKDIR /app',
      'ENTRYPOINT ["dotnet", "Api.dll"]',
    ), lines(
      'FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim AS build',
      'WORKDIR /source',
      'COPY . .',
      'RUN dotnet publish -c Release -o /app',
      '',
      NOTE('/app', 'mcr.microsoft.com/dotnet/sdk'),
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim',
      'WORKDIR /source',
      'COPY --from=build /app /app',
      'WORKDIR /app',
      'ENTRYPOINT ["dotnet", "Api.dll"]',
    ));
  });

  it('declines where the jar, the output or the runtime image is not certain, with the reason', () => {
    const maven = (...body: string[]) => lines('|FROM maven:3-eclipse-temurin-17', 'WORKDIR /app', 'COPY . .', 'RUN mvn package', ...body);
    declines(maven('CMD ["java", "-jar", "target/app.jar"]'), /runs CMD through its ENTRYPOINT mvn-entrypoint\.sh/);
    declines(maven('ENTRYPOINT ["java", "-cp", "target/classes", "app.Main"]'), /not java -jar JAR/);
    declines(maven('ENTRYPOINT ["java", "-jar", "app.jar"]'), /The jar app\.jar is not one the build is known to make/);
    declines(maven('ENTRYPOINT java -jar target/*.jar'), /shell command/);
    declines(lines('|FROM maven:3-amazoncorretto-17', 'RUN mvn package', 'ENTRYPOINT ["java", "-jar", "/target/a.jar"]'), /not a builder image known for this Java build/);
    declines(lines('|FROM eclipse-temurin:17-jre', 'RUN ./gradlew build', 'CMD ["java", "-jar", "/build/libs/a.jar"]'), /not a builder image known for this Java build/);
    const sdk = (...body: string[]) => lines('|FROM mcr.microsoft.com/dotnet/sdk:9.0', 'WORKDIR /src', 'COPY . .', ...body);
    declines(sdk('RUN dotnet publish -c Release', 'ENTRYPOINT ["dotnet", "bin/Release/net9.0/publish/App.dll"]'), /dotnet publish on line 4 has no -o/);
    declines(sdk('RUN dotnet build -c Release -o /out', 'ENTRYPOINT ["dotnet", "/out/App.dll"]'), /No RUN publishes with dotnet publish/);
    declines(sdk('RUN dotnet publish -o /out', 'ENTRYPOINT ["dotnet", "run"]'), /dotnet run, which needs the SDK/);
    declines(sdk('RUN dotnet publish -o /out', 'ENTRYPOINT ["dotnet", "/src/App.dll"]'), /not in a folder dotnet publish -o writes \(\/out\)/);
    declines(lines('|FROM mcr.microsoft.com/dotnet/sdk:8.0.404', 'RUN dotnet publish -o /out', 'ENTRYPOINT ["dotnet", "/out/App.dll"]'), /not a builder image known for this \.NET build/);
  });
});
